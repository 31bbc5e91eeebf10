//! A fresh PostgreSQL database per test, on a private cluster that the test process starts
//! itself (`initdb` and `pg_ctl` from the machine's PostgreSQL, a Unix socket only, no TCP
//! port), or on the server `PARALLAX_TEST_POSTGRES` names (an admin URL, such as
//! `postgres://postgres@localhost/postgres`).
//!
//! Without PostgreSQL, [`database`] returns `None` and the tests that need it say so and skip;
//! with `PARALLAX_REQUIRE_POSTGRES=1` (as CI sets) they fail instead. The private cluster is
//! stopped and deleted by a watchdog once the test process has ended.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// The cluster's superuser, and the system user that runs it when the tests run as root
/// (PostgreSQL refuses to run as root; Debian's package creates this user).
const SUPERUSER: &str = "postgres";

/// Where the databases are made: an admin connection for `psql`, and the URL of a database.
enum Server {
    /// Our own cluster: its socket directory.
    Private { bin: PathBuf, socket_dir: PathBuf },
    /// A running server, by admin URL.
    External { url: String },
}

/// The URL of a new, empty database, or `None` (with a note on stderr) when no PostgreSQL
/// is at hand. Panics when `PARALLAX_REQUIRE_POSTGRES` is set and none is.
pub fn database() -> Option<String> {
    static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let server = match SERVER.get_or_init(server) {
        Ok(server) => server,
        Err(why) if std::env::var_os("PARALLAX_REQUIRE_POSTGRES").is_some() => {
            panic!("PARALLAX_REQUIRE_POSTGRES is set, but {why}")
        }
        Err(why) => {
            // Test output: a skipped test says why.
            #[allow(clippy::print_stderr)]
            {
                eprintln!("skipped: no PostgreSQL ({why})");
            }
            return None;
        }
    };
    let name = format!("test_{}_{}", std::process::id(), COUNT.fetch_add(1, Ordering::SeqCst));
    let create = format!("CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'");
    match server {
        Server::Private { bin, socket_dir } => {
            let socket = socket_dir.display().to_string();
            run(Command::new(bin.join("psql"))
                .args(["-h", &socket, "-U", SUPERUSER, "-d", "postgres", "-qc", &create]))
            .expect("cannot create a test database");
            Some(format!("postgresql://{SUPERUSER}@/{name}?host={socket}"))
        }
        Server::External { url } => {
            run(Command::new("psql").args([url.as_str(), "-qc", &create]))
                .expect("cannot create a test database");
            let (base, query) = url.split_once('?').map_or((url.as_str(), ""), |(b, q)| (b, q));
            let server = base.rsplit_once('/').map_or(base, |(server, _)| server);
            let query = if query.is_empty() { String::new() } else { format!("?{query}") };
            Some(format!("{server}/{name}{query}"))
        }
    }
}

fn server() -> Result<Server, String> {
    if let Ok(url) = std::env::var("PARALLAX_TEST_POSTGRES") {
        return Ok(Server::External { url });
    }
    let bin = bin_dir().ok_or("no initdb under /usr/lib/postgresql or on PATH")?;
    let dir = std::env::temp_dir().join(format!("parallax-pg-{}", std::process::id()));
    start_cluster(&bin, &dir)?;
    Ok(Server::Private { bin, socket_dir: dir })
}

/// The newest PostgreSQL's programs: Debian's `/usr/lib/postgresql/N/bin`, else `PATH`.
fn bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    versions.sort();
    if let Some((_, bin)) = versions.pop() {
        return Some(bin);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file())
}

fn start_cluster(bin: &Path, dir: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    let as_root = run(Command::new("id").arg("-u")).is_ok_and(|uid| uid.trim() == "0");
    if as_root {
        run(Command::new("chown").args([SUPERUSER, &dir.display().to_string()]))?;
    }
    // As the cluster's owner: root runs the programs through runuser.
    let command = |program: &str| {
        let program = bin.join(program).display().to_string();
        let mut command = Command::new(if as_root { "runuser" } else { program.as_str() });
        if as_root {
            command.args(["-u", SUPERUSER, "--", &program]);
        }
        command
    };
    let data = dir.join("data").display().to_string();
    run(command("initdb").args(["-D", &data, "-U", SUPERUSER, "-A", "trust", "--no-sync"]))?;
    let options = format!(
        "-k {} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
        dir.display()
    );
    let log = dir.join("log").display().to_string();
    run(command("pg_ctl").args(["-D", &data, "-o", &options, "-l", &log, "-w", "start"]))?;
    // Stops and deletes the cluster once this process has ended, however it ends.
    let pg_ctl = bin.join("pg_ctl").display().to_string();
    let stop = if as_root { format!("runuser -u {SUPERUSER} -- {pg_ctl}") } else { pg_ctl };
    let watchdog = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; \
         {stop} -D '{data}' -m immediate stop >/dev/null 2>&1; rm -rf '{dir}'",
        pid = std::process::id(),
        dir = dir.display(),
    );
    Command::new("sh")
        .args(["-c", &watchdog])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|err| format!("cannot start the cluster's watchdog: {err}"))?;
    Ok(())
}

/// Runs `command`, returning its stdout, or what went wrong.
fn run(command: &mut Command) -> Result<String, String> {
    let output = command.output().map_err(|err| format!("{command:?}: {err}"))?;
    if !output.status.success() {
        return Err(format!(
            "{command:?}: {}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
