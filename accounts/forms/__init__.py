"""Forms of the accounts app: `people` (teams, members, invitations) and `outreach`."""
