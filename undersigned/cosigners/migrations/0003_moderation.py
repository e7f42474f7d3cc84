from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cosigners", "0002_batches"),
        ("statements", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="individualsignature",
            index=models.Index(fields=["statement", "created_at"], name="cosigner_time"),
        ),
        migrations.AddIndex(
            model_name="individualsignature",
            index=models.Index(fields=["statement", "email_domain"], name="cosigner_domain"),
        ),
    ]
