//! Prints the benchmark inputs (typical post, 10 KB article) as a JSON array,
//! so the WebAssembly benchmark checks exactly the same texts.

fn main() {
    let inputs = [postlint_benches::TYPICAL_POST.to_owned(), postlint_benches::markdown_article(10_000)];
    println!("{}", serde_json::to_string(&inputs).unwrap_or_default());
}
