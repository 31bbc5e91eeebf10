//! What is PostgreSQL's own: opening and refusing databases, two connections to one store,
//! and text PostgreSQL cannot hold. The behaviour both backends share is tested on both (see
//! `crate::stores`).

use store::{AnalysisUpdate, Assignment, Error, OnlineUpdate, PgStore, PutOutcome};

use crate::article;

/// Runs `sql` on the database at `url`, as another program would.
fn execute(url: &str, sql: &str) {
    let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
    client.batch_execute(sql).unwrap();
}

#[test]
fn a_store_keeps_its_articles_across_connections() {
    let Some(url) = testkit::postgres::database() else { return };
    {
        let mut store = store::open(&url).unwrap();
        store.put_articles(&[article("a", "A."), article("b", "B.")]).unwrap();
    }
    let store = store::open(&url).unwrap();
    let keys: Vec<(i64, String)> =
        store.article_keys().unwrap().into_iter().map(|key| (key.seq, key.id)).collect();
    assert_eq!(keys, [(1, "a".to_string()), (2, "b".to_string())]);
    assert_eq!(store.article("b").unwrap().unwrap().article, article("b", "B."));
}

#[test]
fn a_database_of_something_else_is_refused_untouched() {
    let Some(url) = testkit::postgres::database() else { return };
    execute(&url, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
    let err = PgStore::connect(&url).unwrap_err();
    assert!(matches!(err, Error::ForeignDatabase { .. }), "{err}");
    assert!(err.to_string().contains("not a Parallax store"), "{err}");
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let tables: i64 = client
        .query_one("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", &[])
        .unwrap()
        .get(0);
    assert_eq!(tables, 1, "nothing created beside the other program's table");
}

#[test]
fn a_store_of_a_newer_parallax_is_refused() {
    let Some(url) = testkit::postgres::database() else { return };
    drop(PgStore::connect(&url).unwrap());
    execute(&url, "UPDATE parallax_meta SET version = version + 1");
    let err = PgStore::connect(&url).unwrap_err();
    assert!(matches!(err, Error::TooNew { .. }), "{err}");
}

#[test]
fn an_unreachable_server_is_named_without_its_password() {
    let url = "postgres://news:s3cret@127.0.0.1:1/parallax?connect_timeout=2";
    let err = PgStore::connect(url).unwrap_err().to_string();
    assert!(err.contains("postgres://news:***@127.0.0.1:1/parallax"), "{err}");
    assert!(!err.contains("s3cret"), "{err}");
}

/// Two processes analysing one store: the save of the one that read an older derived state is
/// refused, as on SQLite.
#[test]
fn a_save_over_another_connections_analysis_is_refused() {
    let Some(url) = testkit::postgres::database() else { return };
    let (mut first, mut second) = (store::open(&url).unwrap(), store::open(&url).unwrap());
    first.put_articles(&[article("a", "A.")]).unwrap();
    let story = model::report::Story {
        id: "s1".to_string(),
        title: "One".to_string(),
        articles: vec!["a".to_string()],
        ..Default::default()
    };
    let stories = [store::SavedStory { story: &story, inputs: 1 }];
    let assignments =
        [Assignment { article: "a".to_string(), duplicate_of: None, story: "s1".to_string() }];
    let update = |base| AnalysisUpdate {
        base,
        assignments: &assignments,
        analysed_through: i64::MAX,
        stories: &stories,
        online: OnlineUpdate::Replace(None),
    };
    let (read_first, read_second) =
        (first.analysis_generation().unwrap(), second.analysis_generation().unwrap());
    first.save_analysis(&update(read_first)).unwrap();
    let err = second.save_analysis(&update(read_second)).unwrap_err();
    assert!(matches!(err, Error::AnalysedMeanwhile), "{err}");
    assert_eq!(second.analysis_generation().unwrap(), read_first + 1);
}

#[test]
fn an_article_holding_a_nul_is_refused_by_name_and_its_batch_not_stored() {
    let Some(url) = testkit::postgres::database() else { return };
    let mut store = store::open(&url).unwrap();
    let err = store.put_articles(&[article("fine", "A."), article("bad", "A\0B.")]).unwrap_err();
    assert!(err.to_string().contains("\"bad\""), "{err}");
    assert_eq!(store.article_count().unwrap(), 0);
    assert_eq!(store.put_articles(&[article("fine", "A.")]).unwrap(), [PutOutcome::Inserted]);
}

/// A connection the database closed (a restart, an administrator, an idle timeout) is opened
/// again before the next call, and nothing is lost.
#[test]
fn a_connection_the_database_closed_is_opened_again() {
    let Some(url) = testkit::postgres::database() else { return };
    let mut store = store::open(&url).unwrap();
    store.put_articles(&[article("a", "A.")]).unwrap();
    execute(
        &url,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    assert_eq!(store.article_count().unwrap(), 1);
    assert_eq!(store.put_articles(&[article("b", "B.")]).unwrap(), [PutOutcome::Inserted]);
    assert_eq!(store.article_count().unwrap(), 2);
}

/// A store dropped on a thread that drives a tokio runtime (a server's task, an async test)
/// closes its connection without panicking: the client's own closing blocks on a runtime.
#[test]
fn a_store_dropped_inside_an_async_runtime_closes_quietly() {
    let Some(url) = testkit::postgres::database() else { return };
    let store = store::open(&url).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    runtime.block_on(async move { drop(store) });
}

/// With `sslmode=require` the connection is encrypted and the server's certificate verified:
/// against the authority `sslrootcert` names it is accepted, and without it refused. A server
/// that asks for the client's certificate gets the one `sslcert` and `sslkey` name.
#[test]
fn tls_is_required_verified_and_trusts_the_given_authority() {
    let Some(server) = testkit::postgres::tls_database() else { return };
    let root_cert = server.root_cert.display();
    let (cert, key) = (server.client_cert.display(), server.client_key.display());
    let trusted = format!(
        "{}?sslmode=require&sslrootcert={root_cert}&sslcert={cert}&sslkey={key}",
        server.url
    );
    let mut store = store::open(&trusted).unwrap();
    store.put_articles(&[article("a", "A.")]).unwrap();
    let mut client = postgres::Client::connect(&server.local_url, postgres::NoTls).unwrap();
    let encrypted: bool = client
        .query_one(
            "SELECT bool_and(ssl) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) \
             WHERE datname = current_database() AND pid <> pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(encrypted, "the store's connection is encrypted");

    // libpq's strictest mode, which the client library does not know, means the same.
    let full = format!(
        "{}?sslmode=verify-full&sslrootcert={root_cert}&sslcert={cert}&sslkey={key}",
        server.url
    );
    assert_eq!(store::open(&full).unwrap().article_count().unwrap(), 1);

    let untrusted = format!("{}?sslmode=require&sslcert={cert}&sslkey={key}", server.url);
    let err = PgStore::connect(&untrusted).unwrap_err().to_string();
    assert!(err.contains("certificate"), "{err}");
    let missing = format!("{}?sslmode=require&sslrootcert=/nonexistent/root.crt", server.url);
    let err = PgStore::connect(&missing).unwrap_err().to_string();
    assert!(err.contains("/nonexistent/root.crt"), "{err}");
    // The server asks for a client certificate: without one it refuses.
    let anonymous = format!("{}?sslmode=require&sslrootcert={root_cert}", server.url);
    let err = PgStore::connect(&anonymous).unwrap_err().to_string();
    assert!(err.contains("requires a valid client certificate"), "{err}");
    // A key that is not there is named.
    let no_key = format!(
        "{}?sslmode=require&sslrootcert={root_cert}&sslcert={cert}&sslkey=/nonexistent/client.key",
        server.url
    );
    let err = PgStore::connect(&no_key).unwrap_err().to_string();
    assert!(err.contains("/nonexistent/client.key"), "{err}");
}
