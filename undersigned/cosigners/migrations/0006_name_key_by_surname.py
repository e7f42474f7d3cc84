"""The list of people sorts by surname (cosigners/names.py): the stored key of every signature
that still has its name is made again by the new rule."""

from django.db import migrations

from undersigned.cosigners.privacy import name_key

BATCH = 2000


def by_surname(apps, schema_editor):
    IndividualSignature = apps.get_model("cosigners", "IndividualSignature")
    rows = IndividualSignature.objects.filter(erased_at__isnull=True).only("pk", "name")
    changed = []
    for row in rows.iterator(chunk_size=BATCH):
        row.name_key = name_key(row.name)
        changed.append(row)
        if len(changed) == BATCH:
            IndividualSignature.objects.bulk_update(changed, ["name_key"])
            changed = []
    IndividualSignature.objects.bulk_update(changed, ["name_key"])


class Migration(migrations.Migration):
    dependencies = [("cosigners", "0005_fewer_indexes")]

    operations = [migrations.RunPython(by_surname, migrations.RunPython.noop, elidable=True)]
