"""Policy documents with their versions, and every member's acknowledgements."""

from bench.seeders import models_or_none


def seed(context):
    """Seed the policy part, or say why not."""
    models = models_or_none("policy", "PolicyDocument")
    if models is None:
        return "not seeded: policy has no PolicyDocument model on this branch yet"
    raise NotImplementedError("policy seeder: write it against the merged models")
