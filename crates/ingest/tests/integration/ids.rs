//! Walking order and the default-id rules, including the collision rule.

use std::path::Path;

use crate::{ingest, render, write};

fn planned_ids(args: &[&Path]) -> Vec<(String, String)> {
    let args: Vec<String> = args.iter().map(|it| it.to_string_lossy().into_owned()).collect();
    let (files, diagnostics) = ingest::plan(&args);
    assert_eq!(diagnostics, vec![]);
    files.into_iter().map(|it| (it.id.unwrap(), it.location)).collect()
}

#[test]
fn directories_are_walked_recursively_in_sorted_order_skipping_hidden_entries() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "b.txt",
        "a.txt",
        "sub/c.txt",
        "sub/deeper/d.html.gz",
        ".hidden.txt",
        ".git/e.txt",
        "sub/.f.txt",
    ] {
        write(dir.path(), name, b"x");
    }
    let ids: Vec<_> = planned_ids(&[dir.path()]).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, vec!["a", "b", "c", "d"]);
}

#[test]
fn colliding_stems_use_the_relative_path_without_extensions_for_every_file_involved() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["0001.html.gz", "2024/0001.txt", "2024/05/0001.json", "0002.txt"] {
        write(dir.path(), name, br#"{"text": "x"}"#);
    }
    let ids: Vec<_> = planned_ids(&[dir.path()]).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, vec!["0001", "0002", "2024/0001", "2024/05/0001"]);
}

#[test]
fn same_name_under_two_arguments_falls_back_to_the_location() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "left/0001.txt", b"x");
    write(dir.path(), "right/0001.txt", b"x");
    write(dir.path(), "right/a.txt", b"x");
    write(dir.path(), "right/a.html", b"x");
    let left = dir.path().join("left");
    let right = dir.path().join("right");
    let ids: Vec<_> = planned_ids(&[&left, &right])
        .into_iter()
        .map(|(id, _)| id.replace(&format!("{}/", dir.path().display()), ""))
        .collect();
    // The relative paths are `0001` under both arguments, so the locations decide; `a.txt`
    // and `a.html` differ only in extension, so they keep it.
    assert_eq!(ids, vec!["left/0001", "right/0001", "right/a.html", "right/a.txt"]);
}

#[test]
fn a_file_named_twice_is_planned_once_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"x");
    let file = dir.path().join("a.txt");
    let args = vec![dir.path().to_string_lossy().into_owned(), file.to_string_lossy().into_owned()];
    let (files, diagnostics) = ingest::plan(&args);
    assert_eq!(files.len(), 1);
    assert_eq!(
        render(dir.path(), &diagnostics),
        vec!["warning: a.txt: given more than once; it is read once"]
    );
}

#[test]
fn file_argument_keeps_its_location_as_given() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "story.txt", b"Text.");
    let (documents, diagnostics) = ingest(&[&dir.path().join("story.txt")]);
    assert_eq!(diagnostics, vec![]);
    assert_eq!(documents[0].id.as_deref(), Some("story"));
}
