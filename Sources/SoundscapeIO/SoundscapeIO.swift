import CALSA
import CSamplerate
import CSndfile
import SoundscapeCore
