"""Every state change of the accounts app: `people` (members, teams, invitations) and `outreach`."""
