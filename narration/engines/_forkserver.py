"""Imported only by the fork server the eSpeak NG workers come from (its preload list): the fork
server, too, dies with the build, so a SIGKILLed build leaves no process behind. The build names
itself in the environment, so a server that starts only after the build died leaves at once
instead of living on under init. Its own pid stays here for the workers it forks
(``espeak._worker_start``)."""
import os

from ..processes import PARENT_VARIABLE, die_with_parent

die_with_parent(expected=int(os.environ.get(PARENT_VARIABLE, "0")))
SERVER = os.getpid()
