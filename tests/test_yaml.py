from __future__ import annotations

from toolkit.files._yaml import dump_yaml, load_yaml, parse_yaml, plain, save_yaml, write_atomic


def test_syntax_error_is_one_problem_with_its_line():
    loaded = parse_yaml("a: 1\nb: [1, 2\nc: 3\n", "x.yaml")
    assert not loaded.ok
    assert len(loaded.problems) == 1
    assert loaded.problems[0].line == 3
    assert loaded.problems[0].message.startswith("YAML syntax:")


def test_duplicate_key_names_the_key_and_its_second_line():
    loaded = parse_yaml("id: x\nname: a\nname: b\n", "x.yaml")
    [p] = loaded.problems
    assert (p.line, p.field) == (3, "name")
    assert "duplicate key" in p.message


def test_python_object_tag_is_refused_not_constructed():
    loaded = parse_yaml("a: !!python/object/apply:os.system ['echo hacked']\nb: 1\n", "x.yaml")
    [p] = loaded.problems
    assert (p.line, p.field) == (1, "a")
    assert "tag" in p.message and "python/object" in p.message
    assert not isinstance(plain(loaded.data)["a"], int)


def test_any_custom_tag_is_refused():
    loaded = parse_yaml("x: !custom 5\n", "x.yaml")
    assert [p.field for p in loaded.problems] == ["x"]


def test_position_of_nested_item():
    loaded = parse_yaml("a:\n  b:\n    - 1\n    - {c: 2}\n", "x.yaml")
    assert loaded.locator.position(("a", "b", 1, "c")) == (4, 8)
    assert loaded.locator.field(("a", "b", 1, "c")) == "a.b[1].c"


def test_rewrite_keeps_comments_order_and_chinese(tmp_path):
    text = "# 客户说明\nclient: 华东精密  # 客户名称\nusers: 60\nzeta: 1\nalpha: 2\n"
    path = tmp_path / "e.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_yaml(path)
    loaded.data["users"] = 80
    save_yaml(path, loaded.data)
    assert path.read_text(encoding="utf-8") == text.replace("users: 60", "users: 80")


def test_unchanged_round_trip_is_byte_identical(tmp_path):
    text = (
        "requirements:\n  - id: R01  # first\n    capability: customer_360\n"
        "    title: {en: Quote, zh: 报价审批}\n    votes: {销售总监: must}\n"
    )
    loaded = parse_yaml(text, "r.yaml")
    assert dump_yaml(loaded.data) == text


def test_write_atomic_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "f.yaml"
    write_atomic(path, "a: 1\n")
    write_atomic(path, "a: 2\n")
    assert path.read_text() == "a: 2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["f.yaml"]


def test_missing_file_is_a_problem_not_an_exception(tmp_path):
    loaded = load_yaml(tmp_path / "nope.yaml")
    assert [p.message for p in loaded.problems] == ["file not found"]


def test_atomic_writes_keep_the_mode_a_plain_write_would_give(tmp_path):
    import os

    new = tmp_path / "new.txt"
    old = os.umask(0o022)
    try:
        write_atomic(new, "x")
    finally:
        os.umask(old)
    assert new.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600
    kept = tmp_path / "kept.txt"
    kept.write_text("a")
    kept.chmod(0o664)
    write_atomic(kept, "b")
    assert kept.stat().st_mode & 0o777 == 0o664 and kept.read_text() == "b"
