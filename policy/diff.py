"""What changed between two versions: difflib over the rendered text blocks, words marked in and out."""

import difflib
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from policy.rendering import text_blocks


@dataclass(frozen=True)
class DiffRow:
    """One row of a side-by-side comparison: kind is equal, insert, delete or replace."""

    kind: str
    old: str
    new: str


def _word_diff(old, new):
    old_words, new_words = old.split(" "), new.split(" ")
    old_out, new_out = [], []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part, new_part = escape(" ".join(old_words[i1:i2])), escape(" ".join(new_words[j1:j2]))
        if op == "equal":
            old_out.append(old_part)
            new_out.append(new_part)
            continue
        if i2 > i1:
            old_out.append(f"<del>{old_part}</del>")
        if j2 > j1:
            new_out.append(f"<ins>{new_part}</ins>")
    return mark_safe(" ".join(old_out)), mark_safe(" ".join(new_out))


def _unchanged(blocks, context=1):
    """Unchanged blocks, with a long run folded to its first and last block around a count."""
    if len(blocks) <= 2 * context + 1:
        return [DiffRow("equal", escape(block), escape(block)) for block in blocks]
    skipped = DiffRow("skip", str(len(blocks) - 2 * context), "")
    head = [DiffRow("equal", escape(block), escape(block)) for block in blocks[:context]]
    tail = [DiffRow("equal", escape(block), escape(block)) for block in blocks[-context:]]
    return [*head, skipped, *tail]


def version_diff(old_body, new_body):
    """Rows comparing two Markdown bodies block by block; changed blocks show the words that differ."""
    old_blocks, new_blocks = text_blocks(old_body), text_blocks(new_body)
    rows = []
    matcher = difflib.SequenceMatcher(a=old_blocks, b=new_blocks, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old_part, new_part = old_blocks[i1:i2], new_blocks[j1:j2]
        if op == "equal":
            rows.extend(_unchanged(old_part))
        elif op == "delete":
            rows.extend(DiffRow("delete", mark_safe(f"<del>{escape(b)}</del>"), "") for b in old_part)
        elif op == "insert":
            rows.extend(DiffRow("insert", "", mark_safe(f"<ins>{escape(b)}</ins>")) for b in new_part)
        else:
            paired = min(len(old_part), len(new_part))
            rows.extend(DiffRow("replace", *_word_diff(a, b)) for a, b in zip(old_part, new_part, strict=False))
            rows.extend(DiffRow("delete", mark_safe(f"<del>{escape(b)}</del>"), "") for b in old_part[paired:])
            rows.extend(DiffRow("insert", "", mark_safe(f"<ins>{escape(b)}</ins>")) for b in new_part[paired:])
    return rows
