import json
import re
from itertools import pairwise
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.factories import OrganizationFactory, make_secretariat
from undersigned.core.audit import record_event, verify_chain
from undersigned.core.models import AuditEvent

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).parent.parent.parent / "docs" / "audit.md"


def test_loading_the_example_leaves_a_verified_chain(example, capsys):
    call_command("verify-audit")
    assert "every hash verified" in capsys.readouterr().out
    kinds = list(AuditEvent.objects.values_list("kind", flat=True))
    assert kinds[0] == "version.created"
    assert kinds.count("signature.imported") == 32
    assert kinds.count("statement.state") == 2  # opened, then published


def test_editing_an_event_in_the_database_breaks_the_chain_at_that_event(example):
    target = AuditEvent.objects.filter(kind="signature.imported").order_by("seq")[5]
    with connection.cursor() as cursor:
        table = AuditEvent._meta.db_table
        cursor.execute(
            f"UPDATE {table} SET data = %s WHERE seq = %s", ['{"forged": true}', target.seq]
        )
    with pytest.raises(
        CommandError, match=rf"broken at event #{target.seq} \(signature.imported\)"
    ) as error:
        call_command("verify-audit")
    assert error.value.returncode == 1


def test_deleting_an_event_breaks_the_chain_after_it(example):
    target = AuditEvent.objects.order_by("seq")[3]
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEvent._meta.db_table} WHERE seq = %s", [target.seq])
    broken = verify_chain()
    assert broken.seq == target.seq + 1
    assert "missing" in broken.reason


def test_events_are_append_only_through_the_orm(example):
    event = AuditEvent.objects.first()
    event.kind = "something else"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_every_event_points_at_the_one_before(example):
    events = list(AuditEvent.objects.order_by("seq"))
    assert events[0].prev_hash == "0" * 64
    assert all(later.prev_hash == earlier.hash for earlier, later in pairwise(events))


@pytest.mark.django_db(transaction=True)
def test_an_event_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        record_event("nothing")


def test_the_exported_chain_verifies_offline_with_the_documented_code(example, tmp_path):
    """docs/audit.md holds a few lines of Python that verify an export without undersigned."""
    from django.db import transaction

    with transaction.atomic():
        record_event("signature.web", actor=make_secretariat(), organization=OrganizationFactory(),
                     data={"note": "Ünïcode ✓"})  # fmt: skip
    export = tmp_path / "chain.jsonl"
    call_command("export-audit", "-o", str(export))
    code = re.search(r"```python\n(.*?)```", DOCS.read_text(), re.DOTALL).group(1)
    namespace: dict = {}
    exec(compile(code, str(DOCS), "exec"), namespace)  # noqa: S102
    assert namespace["verify"](str(export)) == AuditEvent.objects.count()
    lines = export.read_text().splitlines()
    forged = json.loads(lines[4])
    forged["data"]["version"] = "99.99"
    lines[4] = json.dumps(forged)
    export.write_text("\n".join(lines) + "\n")
    with pytest.raises(ValueError, match="event 5"):
        namespace["verify"](str(export))
