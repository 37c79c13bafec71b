"""Imported only by the fork server the eSpeak NG workers come from (its preload list): the fork
server, too, dies with the build, so a SIGKILLed build leaves no process behind."""
from ..processes import die_with_parent

die_with_parent()
