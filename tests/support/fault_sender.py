"""A sender process for the kill test (tests/scheduler/test_fault_scheduler.py): the scheduler's dispatch job in a loop.

Run as `python -m tests.support.fault_sender CONFIG_JSON`; the test SIGKILLs it mid-batch and starts another.
Its gateway is the file gateway, a little slow, so a kill lands between the hand-over mark, the
provider's write and the recorded result; with SMS_BACKEND=aliyun or tencent, that provider's real
gateway, talking to the test's stand-in (tests/messaging/mainland/test_sms_killed.py).
"""

import json
import os
import subprocess
import sys
import time

from ivr import create_app
from ivr.calendar import clock
from ivr.messaging.gateways import PROVIDER_GATEWAYS, FileGateway, build_gateway
from scheduler.jobs import dispatch_messages
from tests.support import processes

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class SlowFileGateway(FileGateway):
    def send(self, message):
        time.sleep(0.01)
        return super().send(message)


def start(config):
    """A sender process with this app config, leading its own process group (stop it with processes.kill)."""
    return processes.start(
        [sys.executable, "-m", "tests.support.fault_sender", json.dumps(config)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def main():
    app = create_app(json.loads(sys.argv[1]))
    if app.config["SMS_BACKEND"] in PROVIDER_GATEWAYS:
        gateway = build_gateway(app.config, clock.now)
    else:
        gateway = SlowFileGateway(app.config["SMS_FILE"], clock.now)
    sender = f"killable-{os.getpid()}"
    while True:
        dispatch_messages(app, gateway=gateway, sender=sender)
        time.sleep(0.05)


if __name__ == "__main__":
    main()
