from policy.diff import version_diff
from policy.rendering import render_markdown


def test_script_tags_are_never_rendered():
    html = render_markdown("Hallo <script>alert(1)</script> daar")
    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_raw_html_with_event_handlers_is_shown_as_text():
    html = render_markdown('<img src=x onerror="alert(1)"> en <a href="x" onclick="y">klik</a>')
    assert "<img" not in html
    assert "<a " not in html


def test_javascript_links_are_not_links():
    html = render_markdown("[klik](javascript:alert(1)) en [data](data:text/html;base64,PHNjcmlwdD4=)")
    assert "javascript:" not in html.split("klik")[0] or 'href="javascript' not in html
    assert 'href="javascript' not in html
    assert 'href="data' not in html


def test_links_get_safe_rel():
    html = render_markdown("[Veilig Thuis](https://veiligthuis.nl)")
    assert 'href="https://veiligthuis.nl"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_markdown_structure_is_kept():
    html = render_markdown("# Kop\n\n- **een**\n- twee")
    assert "<h1>Kop</h1>" in html
    assert "<strong>een</strong>" in html


def test_diff_marks_inserted_and_deleted_words_and_escapes():
    rows = version_diff(
        "# Regels\n\nWe reageren positief.", "# Regels\n\nWe reageren altijd positief.\n\nNieuw <b>blok</b>."
    )
    kinds = [row.kind for row in rows]
    assert kinds[0] == "equal"
    assert "replace" in kinds and "insert" in kinds
    replaced = next(row for row in rows if row.kind == "replace")
    assert "<ins>altijd</ins>" in replaced.new
    inserted = next(row for row in rows if row.kind == "insert")
    assert "&lt;b&gt;" in inserted.new


def test_diff_of_removed_block():
    rows = version_diff("Een\n\nTwee", "Een")
    assert [row.kind for row in rows] == ["equal", "delete"]
    assert "<del>Twee</del>" in rows[1].old


def test_long_unchanged_runs_are_folded():
    same = "\n\n".join(f"Alinea {n}" for n in range(8))
    rows = version_diff(same + "\n\nOud", same + "\n\nNieuw")
    kinds = [row.kind for row in rows]
    assert kinds == ["equal", "skip", "equal", "replace"]
    assert rows[1].old == "6"
