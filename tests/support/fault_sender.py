"""A sender process for the kill test (tests/scheduler/test_fault_scheduler.py): the scheduler's dispatch job in a loop.

Run as `python -m tests.support.fault_sender CONFIG_JSON`; the test SIGKILLs it mid-batch and starts another.
Its gateway is the file gateway, a little slow, so a kill lands between the hand-over mark, the
provider's write and the recorded result.
"""

import json
import os
import sys
import time

from ivr import create_app
from ivr.calendar import clock
from ivr.messaging.gateways import FileGateway
from scheduler.jobs import dispatch_messages


class SlowFileGateway(FileGateway):
    def send(self, message):
        time.sleep(0.01)
        return super().send(message)


def main():
    app = create_app(json.loads(sys.argv[1]))
    gateway = SlowFileGateway(app.config["SMS_FILE"], clock.now)
    sender = f"killable-{os.getpid()}"
    while True:
        dispatch_messages(app, gateway=gateway, sender=sender)
        time.sleep(0.05)


if __name__ == "__main__":
    main()
