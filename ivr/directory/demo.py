"""Demo cardholders and outlets for the embedded default, so a newcomer can try a call at once."""

import io

from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from ivr.directory.cardholder_csv import import_csv
from ivr.store import Cardholder, Operator, OperatorLine, Outlet

# Listed in the README. The ID numbers have valid checksums; none belongs to a real person.
DEMO_CARDHOLDERS = """id_number,name,mobile,card_number,service_password,language
11010519491231002X,张伟,13800138000,A10000001,246810,zh
110101198001010053,Li Na,13912345678,A10000002,135790,en
440304199001011233,王芳,13700137000,A10000003,123456,zh
"""

DEMO_OUTLETS = [
    Outlet(
        code="BJ-CY-01",
        name="朝阳区社会保障卡服务中心",
        name_en="Chaoyang District Social Security Card Service Centre",
        area_code="110105",
        address="北京市朝阳区工体北路1号",
        address_en="1 Gongti North Road, Chaoyang District, Beijing",
        hours="周一至周五 8:30-17:00",
        phone="010-96102",
    ),
    Outlet(
        code="BJ-DC-01",
        name="东城区社保服务网点",
        name_en="Dongcheng District Social Security Office",
        area_code="110101",
        address="北京市东城区东四十条2号",
        address_en="2 Dongsi Shitiao, Dongcheng District, Beijing",
        hours="周一至周五 8:30-17:00",
        phone="010-96102",
    ),
    Outlet(
        code="BJ-CITY",
        name="北京市社会保障卡服务大厅",
        name_en="Beijing Social Security Card Service Hall",
        area_code="11",
        address="北京市西城区复兴门内大街3号",
        address_en="3 Fuxingmennei Street, Xicheng District, Beijing",
        hours="周一至周六 8:30-17:30",
        phone="010-96102",
        terminal_24h=True,
    ),
]


# Development only: the operator who takes queued callers in the demo, on the softphone's own
# number (its default caller), so the browser's second tab is an operator line as it is
# (docs/softphone.md). Never in production: a known number would hear who is waiting.
DEMO_OPERATOR = "demo-operator"
DEMO_OPERATOR_PIN = "135246"  # development only: the demo line's operator PIN
DEMO_OPERATOR_LINE = "+8613500000000"


def load_demo_operator_line(session, config):
    """In development, a demo operator with a line, unless some operator line exists already."""
    if config.get("IVR_ENV") != "development" or session.scalar(select(func.count()).select_from(OperatorLine)):
        return False
    operator = session.scalar(select(Operator).where(Operator.name == DEMO_OPERATOR))
    if operator is None:
        # "!" is no password hash: the demo operator takes calls, it cannot sign in to the console.
        operator = Operator(name=DEMO_OPERATOR, role="operator", password_hash="!", session_generation=0)
        session.add(operator)
        session.flush()
    # The line proves itself with a PIN like any other (ivr/operators/lines.py); the demo's is in docs/softphone.md.
    pin_hash = generate_password_hash(DEMO_OPERATOR_PIN, method=config["PASSWORD_HASH_METHOD"])
    session.add(OperatorLine(phone=DEMO_OPERATOR_LINE, operator_id=operator.id, pin_hash=pin_hash))
    session.commit()
    return True


def load_demo_data(session, config):
    """Load the demo cardholders and outlets into an empty database, and the demo operator line."""
    load_demo_operator_line(session, config)
    if session.scalar(select(func.count()).select_from(Cardholder)):
        return False
    result = import_csv(session, io.StringIO(DEMO_CARDHOLDERS), config)
    if result.rejected:
        raise RuntimeError(f"demo cardholders rejected: {result.rejected}")
    if not session.scalar(select(func.count()).select_from(Outlet)):
        session.add_all(
            Outlet(
                **{
                    c: getattr(o, c)
                    for c in ("code", "name", "name_en", "area_code", "address", "address_en", "hours", "phone")
                },
                terminal_24h=o.terminal_24h,
            )
            for o in DEMO_OUTLETS
        )
    return True
