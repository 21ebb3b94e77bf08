mod store_support;
use casenotes::store::{FictionalSize, Store};
use std::time::Instant;
use store_support::*;
#[test]
fn gen_probe() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.sqlite3");
    let mut s = open(&path, "generator");
    let t = Instant::now();
    s.fill_fictional(
        &form(),
        FictionalSize {
            families: 1000,
            children_per_family: 2,
            records_per_family: 20,
        },
    )
    .unwrap();
    eprintln!("gen {:?}", t.elapsed());
    let wal = std::fs::metadata(dir.path().join("big.sqlite3-wal"))
        .map(|m| m.len())
        .unwrap_or(0);
    eprintln!(
        "wal {} main {}",
        wal,
        std::fs::metadata(&path).unwrap().len()
    );
    let t = Instant::now();
    drop(s);
    eprintln!(
        "close {:?} main {}",
        t.elapsed(),
        std::fs::metadata(&path).unwrap().len()
    );
}
