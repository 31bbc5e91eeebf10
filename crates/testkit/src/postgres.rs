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
    /// Our own cluster: its programs, its socket directory and port.
    Private { bin: PathBuf, socket_dir: PathBuf, port: u16 },
    /// A running server, by admin URL.
    External { url: String },
}

/// The URL of a new, empty database, or `None` (with a note on stderr) when no PostgreSQL
/// is at hand. Panics when `PARALLAX_REQUIRE_POSTGRES` is set and none is.
pub fn database() -> Option<String> {
    static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();
    let server = at_hand(SERVER.get_or_init(server))?;
    let name = new_database(server);
    match server {
        Server::Private { socket_dir, port, .. } => Some(format!(
            "postgresql://{SUPERUSER}@/{name}?host={}&port={port}",
            socket_dir.display()
        )),
        Server::External { url } => {
            let (base, query) = url.split_once('?').map_or((url.as_str(), ""), |(b, q)| (b, q));
            let server = base.rsplit_once('/').map_or(base, |(server, _)| server);
            let query = if query.is_empty() { String::new() } else { format!("?{query}") };
            Some(format!("{server}/{name}{query}"))
        }
    }
}

/// A new, empty database on a private cluster that serves TLS on a loopback TCP port, with a
/// certificate for `localhost` issued by an authority of its own, and takes TCP connections
/// only over TLS and from a client with a certificate that authority issued.
pub struct TlsDatabase {
    /// `postgresql://postgres@localhost:PORT/NAME`, without `sslmode`.
    pub url: String,
    /// The same database through the cluster's Unix socket, which asks for no certificate.
    pub local_url: String,
    /// The authority's certificate (PEM), for the client to trust.
    pub root_cert: PathBuf,
    /// A client certificate the authority issued to the superuser, and its key (PEM).
    pub client_cert: PathBuf,
    pub client_key: PathBuf,
}

/// A [`TlsDatabase`], or `None` as [`database`] says. Never on the `PARALLAX_TEST_POSTGRES`
/// server: the certificate is ours.
pub fn tls_database() -> Option<TlsDatabase> {
    static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();
    let server = at_hand(SERVER.get_or_init(|| private_server("tls", true)))?;
    let name = new_database(server);
    let Server::Private { socket_dir, port, .. } = server else { unreachable!("private") };
    Some(TlsDatabase {
        url: format!("postgresql://{SUPERUSER}@localhost:{port}/{name}"),
        local_url: format!(
            "postgresql://{SUPERUSER}@/{name}?host={}&port={port}",
            socket_dir.display()
        ),
        root_cert: socket_dir.join("root.crt"),
        client_cert: socket_dir.join("client.crt"),
        client_key: socket_dir.join("client.key"),
    })
}

/// The server, or `None` (saying why) when there is none and none is required.
fn at_hand(server: &Result<Server, String>) -> Option<&Server> {
    match server {
        Ok(server) => Some(server),
        Err(why) if std::env::var_os("PARALLAX_REQUIRE_POSTGRES").is_some() => {
            panic!("PARALLAX_REQUIRE_POSTGRES is set, but {why}")
        }
        Err(why) => {
            // Test output: a skipped test says why.
            #[allow(clippy::print_stderr)]
            {
                eprintln!("skipped: no PostgreSQL ({why})");
            }
            None
        }
    }
}

/// Creates a database of a name of its own on `server`; returns the name.
fn new_database(server: &Server) -> String {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let name = format!("test_{}_{}", std::process::id(), COUNT.fetch_add(1, Ordering::SeqCst));
    let create = format!("CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'");
    let created = match server {
        Server::Private { bin, socket_dir, port } => {
            let (socket, port) = (socket_dir.display().to_string(), port.to_string());
            run(Command::new(bin.join("psql")).args([
                "-h", &socket, "-p", &port, "-U", SUPERUSER, "-d", "postgres", "-qc", &create,
            ]))
        }
        Server::External { url } => run(Command::new("psql").args([url.as_str(), "-qc", &create])),
    };
    created.expect("cannot create a test database");
    name
}

fn server() -> Result<Server, String> {
    match std::env::var("PARALLAX_TEST_POSTGRES") {
        Ok(url) => Ok(Server::External { url }),
        Err(_) => private_server("plain", false),
    }
}

/// Starts a private cluster, named `kind` among this process's; with `tls`, it also listens
/// on a loopback TCP port, with TLS.
fn private_server(kind: &str, tls: bool) -> Result<Server, String> {
    let bin = bin_dir().ok_or("no initdb under /usr/lib/postgresql or on PATH")?;
    let dir = std::env::temp_dir().join(format!("parallax-pg-{}-{kind}", std::process::id()));
    let port = match tls {
        // Free now; the cluster takes it a moment later.
        true => std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|it| it.local_addr())
            .map_err(|err| format!("no free port: {err}"))?
            .port(),
        false => 5432,
    };
    start_cluster(&bin, &dir, port, tls)?;
    Ok(Server::Private { bin, socket_dir: dir, port })
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

fn start_cluster(bin: &Path, dir: &Path, port: u16, tls: bool) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    let as_root = run(Command::new("id").arg("-u")).is_ok_and(|uid| uid.trim() == "0");
    // As the cluster's owner: root runs the programs through runuser.
    let command = |program: &str| {
        let program = bin.join(program).display().to_string();
        let mut command = Command::new(if as_root { "runuser" } else { program.as_str() });
        if as_root {
            command.args(["-u", SUPERUSER, "--", &program]);
        }
        command
    };
    let mut options = format!(
        "-k {} -p {port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
        dir.display()
    );
    match tls {
        true => {
            write_certificates(dir)?;
            // TCP only over TLS, and only with a client certificate the authority issued.
            std::fs::write(
                dir.join("pg_hba.conf"),
                "local all all trust\nhostssl all all 127.0.0.1/32 trust clientcert=verify-ca\n",
            )
            .map_err(|err| format!("pg_hba.conf: {err}"))?;
            options.push_str(&format!(
                " -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file={0}/server.crt \
                 -c ssl_key_file={0}/server.key -c ssl_ca_file={0}/root.crt \
                 -c hba_file={0}/pg_hba.conf",
                dir.display()
            ));
        }
        false => options.push_str(" -c listen_addresses=''"),
    }
    if as_root {
        run(Command::new("chown").args(["-R", SUPERUSER, &dir.display().to_string()]))?;
    }
    let data = dir.join("data").display().to_string();
    run(command("initdb").args(["-D", &data, "-U", SUPERUSER, "-A", "trust", "--no-sync"]))?;
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

/// Writes an authority's certificate (`root.crt`), a certificate for `localhost` it issued
/// (`server.crt`, `server.key`) and one for the superuser as a client (`client.crt`,
/// `client.key`); keys are readable by their owner alone, as PostgreSQL and libpq require.
fn write_certificates(dir: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    let tls = |err: rcgen::Error| format!("cannot make a test certificate: {err}");
    let authority_key = rcgen::KeyPair::generate().map_err(tls)?;
    let mut authority = rcgen::CertificateParams::new(Vec::<String>::new()).map_err(tls)?;
    authority.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    let authority = authority.self_signed(&authority_key).map_err(tls)?;
    let server_key = rcgen::KeyPair::generate().map_err(tls)?;
    let server = rcgen::CertificateParams::new(vec!["localhost".to_string()])
        .map_err(tls)?
        .signed_by(&server_key, &authority, &authority_key)
        .map_err(tls)?;
    let write = |name: &str, text: String| {
        std::fs::write(dir.join(name), text).map_err(|err| format!("{name}: {err}"))
    };
    let client_key = rcgen::KeyPair::generate().map_err(tls)?;
    let mut client = rcgen::CertificateParams::new(Vec::<String>::new()).map_err(tls)?;
    client.distinguished_name.push(rcgen::DnType::CommonName, SUPERUSER);
    let client = client.signed_by(&client_key, &authority, &authority_key).map_err(tls)?;
    write("root.crt", authority.pem())?;
    write("server.crt", server.pem())?;
    write("server.key", server_key.serialize_pem())?;
    write("client.crt", client.pem())?;
    write("client.key", client_key.serialize_pem())?;
    for key in ["server.key", "client.key"] {
        std::fs::set_permissions(dir.join(key), std::fs::Permissions::from_mode(0o600))
            .map_err(|err| format!("{key}: {err}"))?;
    }
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
