#if canImport(Glibc)
    import Glibc
#endif

/// Reads up to `count` bytes at `offset` of an open file into `destination`,
/// going on after short reads and interruptions (EINTR), and returns how many
/// it got: fewer only at the end of the file or on an error. One `pread` at a
/// time, so several threads may read the same descriptor at once.
func readFully(_ descriptor: Int32, at offset: Int, count: Int, into destination: UnsafeMutableRawPointer) -> Int {
    var done = 0
    while done < count {
        let result = pread(descriptor, destination + done, count - done, off_t(offset + done))
        if result > 0 {
            done += result
        } else if result < 0 && errno == EINTR {
            continue
        } else {
            break
        }
    }
    return done
}
