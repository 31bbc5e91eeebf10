//! Serves a store, first ingesting any inputs given: a stand-in for `parallax serve` while
//! the CLI subcommand is pending, and the harness of the load test.
//!
//! `cargo run --release -p server --example serve -- DB ADDR [INPUT...]`

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(db), Some(addr)) = (args.first(), args.get(1)) else {
        anyhow::bail!("usage: serve DB ADDR [INPUT...]");
    };
    let mut config = server::ServerConfig::new(db.into());
    config.addr = addr.parse()?;
    config.token = std::env::var("PARALLAX_TOKEN").ok();
    if args.len() > 2 {
        let mut store = store::SqliteStore::open(&config.db)?;
        pipeline::ingest(&mut store, &args[2..], &config.pipeline, &pipeline::NoProgress)?;
    }
    server::serve(config)
}
