use corridor_matching::{explain, Model, Record, normalize::name};
fn main() {
    for s in ["Mr. Hamid", "Mier Ahmed", "Hamid", "Rahimy", "Daud", "Davud Shaah", "Daoud Shah"] {
        println!("{s} -> {:?}", name::tokens(s));
    }
    let a = Record { id: "a".into(), given_name: Some("Mr. Hamid".into()), family_name: Some("Rahimy".into()), ..Default::default() };
    let b = Record { id: "b".into(), given_name: Some("Mier Ahmed".into()), family_name: Some("Rahimy".into()), ..Default::default() };
    println!("{:?}", explain(&a, &b, &Model::default()));
}
