//! End to end in headless Chromium: the pages as a browser builds them, and screenshots.
//!
//! Runs when Chromium is installed (`apt-get install -y chromium`); otherwise says so and
//! passes. Screenshots go to `target/tmp/server-screenshots/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::integration::support::{spawn_live, story_of, TestServer};

fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var("CHROMIUM").unwrap_or_default(),
        "/usr/bin/chromium".into(),
        "/usr/bin/chromium-browser".into(),
    ];
    candidates.into_iter().filter(|it| !it.is_empty()).map(PathBuf::from).find(|it| it.exists())
}

/// Runs Chromium headless on `url` with `mode` (`--dump-dom` or `--screenshot=...`).
fn run(chromium: &Path, profile: &Path, mode: &[String], url: &str) -> String {
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(mode)
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        output.status.success(),
        "chromium failed on {url}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::print_stderr, reason = "a skipped browser test says why")]
async fn pages_render_in_headless_chromium() {
    let Some(chromium) = chromium() else {
        eprintln!("SKIPPED: no Chromium (apt-get install -y chromium); browser test not run");
        return;
    };
    let server = TestServer::new();
    let addr = spawn_live(&server).await;
    let base = format!("http://{addr}");
    let flood = story_of(&server, "flood-north").await;
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("server-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let profile = tempfile::tempdir().unwrap();

    let dump = |path: String| {
        let (chromium, profile) = (chromium.clone(), profile.path().to_path_buf());
        let url = format!("{base}{path}");
        tokio::task::spawn_blocking(move || {
            run(&chromium, &profile, &["--dump-dom".to_string()], &url)
        })
    };
    let shoot = |path: String, name: &str, width: u32, height: u32| {
        let (chromium, profile) = (chromium.clone(), profile.path().to_path_buf());
        let url = format!("{base}{path}");
        let file = shots.join(name);
        let mode = vec![
            format!("--screenshot={}", file.display()),
            format!("--window-size={width},{height}"),
        ];
        tokio::task::spawn_blocking(move || {
            run(&chromium, &profile, &mode, &url);
            file
        })
    };

    // The story list, as the browser's DOM has it.
    let dom = dump("/".to_string()).await.unwrap();
    assert!(dom.contains(&format!("href=\"/stories/{flood}\"")), "{dom}");
    assert!(dom.contains("River Avon") || dom.contains("Millbrook"), "{dom}");

    // A story page: the matrix and a citation link whose target exists in the article.
    let dom = dump(format!("/stories/{flood}")).await.unwrap();
    assert!(dom.contains("<table class=\"matrix\">"), "{dom}");
    assert!(dom.contains("<th scope=\"col\">East Gazette</th>"));
    let link = dom
        .split("class=\"cite\" href=\"")
        .nth(1)
        .and_then(|it| it.split('"').next())
        .expect("a citation link")
        .to_string();
    let (path, anchor) = link.split_once('#').unwrap();
    let article = dump(link.clone()).await.unwrap();
    assert!(article.contains(&format!("id=\"{anchor}\"")), "{anchor} missing in {path}");
    // The hostile text stayed text: no script or img element made it into the DOM.
    let hostile = dump("/articles/flood-south".to_string()).await.unwrap();
    assert!(!hostile.contains("<script") && !hostile.contains("<img"), "{hostile}");
    assert!(hostile.contains("onerror=alert(1)&gt;"), "{hostile}");

    // Search results grouped by story.
    let dom = dump("/search?q=evacuated".to_string()).await.unwrap();
    assert!(dom.contains("3 articles found, in 1 story"), "{dom}");
    assert!(dom.contains("<mark>evacuated</mark>"));

    // Screenshots: desktop and phone widths. PNG files start with their signature.
    let files = [
        shoot("/".to_string(), "stories.png", 1280, 900).await.unwrap(),
        shoot(format!("/stories/{flood}"), "story.png", 1280, 2200).await.unwrap(),
        shoot(format!("/stories/{flood}"), "story-phone.png", 390, 1800).await.unwrap(),
        shoot(link, "article-cited.png", 1000, 900).await.unwrap(),
        shoot("/search?q=council".to_string(), "search.png", 1280, 1000).await.unwrap(),
    ];
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "{}", file.display());
        assert!(bytes.len() > 5_000, "{} looks blank", file.display());
    }
}
