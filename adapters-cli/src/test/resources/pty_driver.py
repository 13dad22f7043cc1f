"""Drives a command through a pseudo-terminal, as a person at a keyboard would.

usage: pty_driver.py STEPS_FILE COMMAND [ARGS...]
Each line of STEPS_FILE is one step:
  expect <text>   wait (at most 60 s) until the output since the last expect contains <text>
  send <text>     type <text> followed by Enter
  ctrl-c          press Ctrl+C
  ctrl-d          press Ctrl+D
The whole transcript is printed at the end; the exit status is the command's, or 99 when an expectation timed out.
"""
import os
import pty
import select
import sys
import time

steps_file, argv = sys.argv[1], sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)

transcript = b""
seen = 0


def read_some(timeout):
    global transcript
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return True
    try:
        data = os.read(fd, 4096)
    except OSError:
        return False
    if not data:
        return False
    transcript += data
    return True


def expect(text):
    global seen
    token = text.encode("utf-8")
    deadline = time.time() + 60
    while token not in transcript[seen:]:
        if time.time() > deadline or not read_some(0.2):
            sys.stdout.write(transcript.decode("utf-8", "replace"))
            sys.stdout.write("\n[pty_driver] timed out waiting for %r\n" % text)
            sys.exit(99)
    seen = transcript.index(token, seen) + len(token)


with open(steps_file, encoding="utf-8") as steps:
    for line in steps.read().splitlines():
        if line.startswith("expect "):
            expect(line[len("expect "):])
        elif line.startswith("send "):
            os.write(fd, (line[len("send "):] + "\r").encode("utf-8"))
        elif line == "ctrl-c":
            os.write(fd, b"\x03")
        elif line == "ctrl-d":
            os.write(fd, b"\x04")

# Read until the command closes the terminal (it exited), for at most 60 s.
deadline = time.time() + 60
status = None
while time.time() < deadline:
    if not read_some(0.2):
        break
    done, child_status = os.waitpid(pid, os.WNOHANG)
    if done:
        status = child_status
        while read_some(0.1) and select.select([fd], [], [], 0)[0]:
            pass
        break
if status is None:
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        status = 0
sys.stdout.write(transcript.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(status))
