#!/usr/bin/env python3
"""How quickly a session answers `soundscape ctl`, how soon the change is heard, and
what a listening session costs when idle.

Usage: eval "$(scripts/audio-rig.sh start)"; scripts/measure-ctl.py [IDLE_SECONDS]; scripts/audio-rig.sh stop

Plays brown noise on ALSA's default device (the rig's null sink) as a session of its
own, in a private runtime directory, then prints:
  - `ctl set` round trips over the socket (request sent to reply read), 500 of them;
  - `soundscape ctl set` as a process, start to exit, 20 of them;
  - from sending `master 0` to the sink monitor's level falling 20 dB (8 trials), which
    includes the device buffer (40 ms), the gain smoothing and parec's capture latency;
  - the session's CPU per thread over IDLE_SECONDS (default 30) with no ctl traffic.
"""
import json, math, os, socket, statistics, struct, subprocess, sys, tempfile, threading, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.join(root, ".build/release/soundscape")
idle_seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 30
if "PULSE_SERVER" not in os.environ:
    sys.exit('measure-ctl: start the rig first: eval "$(scripts/audio-rig.sh start)"')
runtime = tempfile.mkdtemp(prefix="measure-ctl-")
environment = dict(os.environ, XDG_RUNTIME_DIR=runtime)
environment.pop("DBUS_SESSION_BUS_ADDRESS", None)
session = subprocess.Popen([binary, "play", "brown noise", "--device", "default", "--session", "measure"],
                           env=environment, stderr=subprocess.PIPE, text=True)
line = ""
while "soundscape: playing" not in line:
    line = session.stderr.readline()
    if not line: sys.exit("measure-ctl: the session ended before playing")
path = os.path.join(runtime, "soundscape", "measure.sock")
time.sleep(2)

connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
connection.connect(path)
replies = connection.makefile("rb")

def send(request):
    started = time.perf_counter()
    connection.sendall(json.dumps(dict(v=1, **request)).encode() + b"\n")
    reply = replies.readline()
    assert b'"ok":true' in reply, reply
    return started, (time.perf_counter() - started) * 1000

times = sorted(send({"cmd": "set", "layer": "1", "weight": 0.3 + 0.4 * (i % 2)})[1] for i in range(500))
print(f"socket round trip of ctl set, 500 times: median {statistics.median(times):.3f} ms, "
      f"p90 {times[450]:.3f} ms, max {times[-1]:.3f} ms")

started = time.perf_counter()
for _ in range(20):
    subprocess.run([binary, "ctl", "set", "1", "--weight", "0.5"], env=environment, check=True, stdout=subprocess.DEVNULL)
print(f"soundscape ctl set as a process: {(time.perf_counter() - started) / 20 * 1000:.1f} ms each (20 runs)")

recorder = subprocess.Popen(["parec", "--device=out.monitor", "--format=s16le", "--rate=48000", "--channels=2",
                             "--raw", "--latency-msec=5"], stdout=subprocess.PIPE)
blocks = []  # (time read, dBFS) per 10 ms

def record():
    while True:
        data = recorder.stdout.read(1920)
        if len(data) < 1920: return
        samples = struct.unpack("<960h", data)
        rms = math.sqrt(sum(x * x for x in samples) / 960) / 32768
        blocks.append((time.perf_counter(), 20 * math.log10(rms) if rms > 0 else -200))

threading.Thread(target=record, daemon=True).start()
time.sleep(1)
delays = []
for _ in range(8):
    send({"cmd": "master", "value": 0.8})
    time.sleep(1.5)
    before = statistics.median(level for _, level in blocks[-50:])
    sent, _ = send({"cmd": "master", "value": 0})
    time.sleep(1)
    heard = next((moment for moment, level in blocks if moment > sent and level < before - 20), None)
    if heard: delays.append((heard - sent) * 1000)
recorder.kill()
send({"cmd": "master", "value": 0.8})
delays.sort()
print(f"master 0 sent → 20 dB quieter at the sink monitor: median {statistics.median(delays):.0f} ms, "
      f"min {delays[0]:.0f}, max {delays[-1]:.0f} ({len(delays)} of 8 trials)")

def thread_ticks(pid):
    ticks = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/stat") as stat: text = stat.read()
        fields = text[text.rindex(")") + 2:].split()
        ticks[(task, text[text.index("(") + 1:text.rindex(")")])] = int(fields[11]) + int(fields[12])
    return ticks

connection.close()
time.sleep(1)
hertz = os.sysconf("SC_CLK_TCK")
first = thread_ticks(session.pid)
time.sleep(idle_seconds)
last = thread_ticks(session.pid)
used = {key: last[key] - first.get(key, 0) for key in last}
print(f"idle listening session over {idle_seconds:.0f} s: {sum(used.values()) / hertz / idle_seconds * 100:.2f}% of one core")
for (task, name), ticks in sorted(used.items(), key=lambda item: -item[1]):
    print(f"  {name:<16} {ticks / hertz / idle_seconds * 100:.2f}%  ({ticks} ticks)")
subprocess.run([binary, "ctl", "quit"], env=environment, stdout=subprocess.DEVNULL)
print(session.stderr.read().strip().splitlines()[-1])
session.wait()
