"""Thin views of the policy part: documents and versions, acknowledgement, the completion report, posts."""
