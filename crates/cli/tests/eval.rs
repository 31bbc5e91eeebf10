//! `parallax eval extract` on two tiny benchmarks laid out as ScrapingHub AEB and WCXB, with
//! stand-in scorers that take the same arguments, read the same files and check the
//! prediction formats the real `evaluate.py` scripts expect.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn write(dir: &Path, name: &str, contents: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

fn page(title: &str, author: &str, date: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title>\
         <meta name=\"author\" content=\"{author}\">\
         <meta property=\"article:published_time\" content=\"{date}T08:00:00Z\"></head>\
         <body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1><p>{body}</p></article>\
         <footer>All rights reserved.</footer></body></html>"
    )
}

const FERRY: &str = "The city council voted on Tuesday to reopen the old harbour to ferries \
after a three-year closure, the mayor said at a press conference in the town hall. Work on \
the quay walls will start in March and cost about 12 million euros.";
const BRIDGE: &str = "The northern bridge will close for repairs for six weeks from Monday, \
the regional transport office announced, after inspectors found cracks in two supports. \
Drivers are asked to use the ring road instead.";

/// AEB's interface: ground-truth.json and output/*.json in the working directory, results
/// as JSON to --output. Scores a page 1 when its prediction holds the truth's first words.
const AEB_SCORER: &str = r#"
import argparse, json
from pathlib import Path
parser = argparse.ArgumentParser()
parser.add_argument('--output', type=Path)
args = parser.parse_args()
truth = json.loads(Path('ground-truth.json').read_text())
results = {}
for path in sorted(Path('output').glob('*.json')):
    pred = json.loads(path.read_text())
    if pred.keys() != truth.keys():
        raise ValueError('prediction keys do not match ground truth')
    hits = [truth[k]['articleBody'][:40] in pred[k].get('articleBody', '') for k in truth]
    score = sum(hits) / len(hits)
    results[path.stem] = {'f1': score, 'precision': score, 'recall': score}
    print(path.stem, score)
args.output.write_text(json.dumps(results))
"#;

/// WCXB's interface: SPLIT/ground-truth beside the script, `--results {id: text}`.
const WCXB_SCORER: &str = r#"
import argparse, json
from pathlib import Path
parser = argparse.ArgumentParser()
parser.add_argument('--split', default='dev')
parser.add_argument('--results')
parser.add_argument('--per-type', action='store_true')
args = parser.parse_args()
gt = {f.stem: json.loads(f.read_text())['ground_truth'] for f in (Path(__file__).parent / args.split / 'ground-truth').glob('*.json')}
pred = json.loads(Path(args.results).read_text())
assert all(isinstance(v, str) for v in pred.values())
hits = [gt[k]['main_content'][:40] in pred.get(k, '') for k in gt]
score = sum(hits) / len(hits)
print(f"Overall ({len(gt)} pages):")
print(f"  Precision:  {score:.4f}")
print(f"  Recall:     {score:.4f}")
print(f"  F1:         {score:.4f}")
"#;

#[test]
fn eval_extract_writes_each_benchmarks_format_and_runs_its_scorer() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();

    // AEB layout, as a directory.
    let aeb = root.join("aeb");
    write(&aeb, "evaluate.py", AEB_SCORER);
    write(&aeb, "html/p1.html", &page("Harbour to reopen", "Ann Lee", "2026-11-02", FERRY));
    write(&aeb, "html/p2.html", &page("Bridge to close", "Bo Chan", "2026-11-03", BRIDGE));
    let truth = serde_json::json!({
        "p1": {"articleBody": FERRY, "url": "https://news.example/p1"},
        "p2": {"articleBody": BRIDGE, "url": "https://news.example/p2"},
    });
    write(&aeb, "ground-truth.json", &truth.to_string());

    // WCXB layout, as a .tar.gz with one top directory.
    let wcxb = root.join("src/wcxb-dev");
    write(&wcxb, "evaluate.py", WCXB_SCORER);
    write(&wcxb, "html/0001.html", &page("Harbour to reopen", "Ann Lee", "2026-11-02", FERRY));
    write(&wcxb, "html/0002.html", &page("Bridge to close", "Bo Chan", "2026-11-03", BRIDGE));
    for (id, title, author, date, body) in [
        ("0001", "Harbour to reopen", "Ann Lee", "2026-11-02", FERRY),
        // A wrong author and date in the truth: exact match must miss them.
        ("0002", "Bridge to close", "Someone Else", "2025-01-01", BRIDGE),
    ] {
        let gt = serde_json::json!({"ground_truth": {"title": title, "author": author,
            "publish_date": date, "main_content": body, "with": [], "without": []}});
        write(&wcxb, &format!("ground-truth/{id}.json"), &gt.to_string());
    }
    let status = Command::new("tar")
        .args(["czf", "wcxb.tar.gz", "-C", "src", "wcxb-dev"])
        .current_dir(root)
        .status()
        .unwrap();
    assert!(status.success());

    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["eval", "extract", "aeb", "wcxb.tar.gz", "--work", "run", "--format", "json"])
        .current_dir(root)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{err}");
    let eval: Value = serde_json::from_slice(&output.stdout).unwrap();
    let [aeb, wcxb] = eval["benchmarks"].as_array().unwrap().as_slice() else {
        panic!("two benchmarks: {eval}");
    };
    assert_eq!(aeb["benchmark"], "aeb");
    assert_eq!(aeb["pages"], 2);
    assert_eq!(aeb["scorer"]["f1"], 1.0, "{aeb}");
    assert!(aeb["title"].is_null(), "AEB has no metadata truth");
    let predictions: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("run/0-aeb/output/parallax.json")).unwrap(),
    )
    .unwrap();
    assert!(predictions["p1"]["articleBody"].as_str().unwrap().contains("three-year closure"));

    assert_eq!(wcxb["benchmark"], "wcxb");
    assert_eq!(wcxb["scorer"]["f1"], 1.0, "{wcxb}");
    assert_eq!(wcxb["title"]["accuracy"], 1.0, "{wcxb}");
    assert_eq!(
        (wcxb["author"]["hits"].as_u64(), wcxb["author"]["with_truth"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(wcxb["date"]["accuracy"], 0.5, "{wcxb}");

    // Text output names the figures; an unknown layout is an error naming the path.
    let text = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["eval", "extract", "aeb"])
        .current_dir(root)
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("scorer    F1 1.0000"), "{text}");
    let bad = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["eval", "extract", "src"])
        .current_dir(root)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("src: not a known benchmark"));
}

/// A page that says nothing of its date: the date is only in the address it was fetched from,
/// which both benchmarks record (AEB in `ground-truth.json`, WCXB in each ground-truth file).
fn undated_page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    )
}

#[test]
fn eval_extract_passes_each_pages_url_to_the_extractor() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let wcxb = root.join("wcxb");
    write(&wcxb, "evaluate.py", WCXB_SCORER);
    write(&wcxb, "html/0001.html", &undated_page("Harbour to reopen", FERRY));
    let gt = serde_json::json!({
        "url": "https://news.example/2026/11/02/harbour-to-reopen",
        "file_id": "0001",
        "ground_truth": {"title": "Harbour to reopen", "publish_date": "2026-11-02",
            "main_content": FERRY, "with": [], "without": []},
    });
    write(&wcxb, "ground-truth/0001.json", &gt.to_string());
    let aeb = root.join("aeb");
    write(&aeb, "evaluate.py", AEB_SCORER);
    write(&aeb, "html/p1.html", &undated_page("Bridge to close", BRIDGE));
    let truth = serde_json::json!({
        "p1": {"articleBody": BRIDGE, "url": "https://news.example/2026/11/03/bridge-to-close"},
    });
    write(&aeb, "ground-truth.json", &truth.to_string());

    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["eval", "extract", "wcxb", "aeb", "--work", "run", "--format", "json"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let eval: Value = serde_json::from_slice(&output.stdout).unwrap();
    let wcxb = &eval["benchmarks"][0];
    assert_eq!(
        (wcxb["date"]["hits"].as_u64(), wcxb["date"]["with_truth"].as_u64()),
        (Some(1), Some(1)),
        "{wcxb}"
    );
    let read = |path: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(root.join(path)).unwrap()).unwrap()
    };
    assert_eq!(read("run/0-wcxb/metadata.json")["0001"]["date"], "2026-11-02");
    assert_eq!(read("run/1-aeb/metadata.json")["p1"]["date"], "2026-11-03");
}
