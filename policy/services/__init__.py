"""Every state change of the policy part: documents and versions, acknowledgements, posts, reminders."""
