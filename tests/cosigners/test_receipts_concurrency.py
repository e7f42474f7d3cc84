"""Sealing while people sign and confirm: nothing lost, nothing sealed twice, on the database
the suite runs on (SQLite by default; PostgreSQL with DATABASE_URL, as CI runs it too)."""

import threading
import time
import traceback
from itertools import pairwise

import pytest
from django.db import close_old_connections, connection

from undersigned.core.audit import unexplained_rows, verify_chain
from undersigned.cosigners.models import Batch, IndividualSignature, Leaf, SignerState
from undersigned.cosigners.services import (
    confirm_signature,
    seal_pending_batches,
    sign_as_person,
    withdraw_own_signature,
)

SIGNERS = 4
EACH = 15


def _in_thread(work, errors: list) -> threading.Thread:
    def run() -> None:
        try:
            work()
        except Exception:  # reported by the test, not lost in the thread
            errors.append(traceback.format_exc())
        finally:
            connection.close()

    return threading.Thread(target=run)


@pytest.mark.django_db(transaction=True)
def test_sealing_while_signing_loses_nothing_and_seals_nothing_twice(opening, statement, version):
    errors: list = []
    signing = threading.Event()

    def signer(n: int) -> None:
        for i in range(EACH):
            signed = sign_as_person(
                statement,
                language="en",
                version_hash=version.content_hash,
                name=f"Person {n}-{i}",
                email=f"p{n}-{i}@example.org",
            )
            signature, _token = confirm_signature(signed.signature)
            if i % 5 == 4:  # some withdraw at once: their second leaf must follow the first
                withdraw_own_signature(signature)

    def sealer() -> None:
        while signing.is_set():
            seal_pending_batches(limit=7)
            close_old_connections()
            time.sleep(0.005)  # the worker seals every second; here as often as it can

    signing.set()
    threads = [_in_thread(lambda n=n: signer(n), errors) for n in range(SIGNERS)]
    sealing = _in_thread(sealer, errors)
    sealing.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    signing.clear()
    sealing.join()
    seal_pending_batches()

    assert errors == [], "\n".join(errors)
    withdrawn = SIGNERS * (EACH // 5)
    states = list(IndividualSignature.objects.values_list("state", flat=True))
    assert (states.count(SignerState.CONFIRMED), states.count(SignerState.WITHDRAWN)) == (
        SIGNERS * EACH - withdrawn,
        withdrawn,
    )
    assert Leaf.objects.filter(batch=None).count() == 0
    assert Leaf.objects.filter(kind="confirmed").count() == SIGNERS * EACH
    batches = list(Batch.objects.order_by("first").values_list("first", "count"))
    assert len(batches) > 1  # sealed while signing, not only at the end
    assert sum(count for _first, count in batches) == Leaf.objects.count()
    assert all(first == a + n for (a, n), (first, _c) in pairwise(batches))
    # Each signature's withdrawal sealed after its confirmation, in the same or a later batch.
    for signature in IndividualSignature.objects.filter(state=SignerState.WITHDRAWN):
        steps = list(signature.leaves.order_by("pk").values_list("kind", "batch__first"))
        assert [kind for kind, _first in steps] == ["confirmed", "withdrawn"]
        assert steps[0][1] <= steps[1][1]
    assert verify_chain() is None
    assert [
        str(row)
        for row in unexplained_rows()
        if row.row.startswith(("individual", "batch", "leaves", "event"))
    ] == []
