#[test]
fn fill() {
    let path = std::path::Path::new("/tmp/cn3/big.sqlite3");
    let _ = std::fs::create_dir_all("/tmp/cn3");
    let mut s = casenotes::store::Store::open(path, "alex").unwrap();
    let forms = casenotes::form::FormSet::built_in().unwrap();
    let f = forms.get("visit").unwrap();
    s.fill_fictional(
        f,
        casenotes::store::FictionalSize {
            families: 10_000,
            children_per_family: 2,
            records_per_family: 20,
        },
    )
    .unwrap();
}
