//! Clitic segmentation against UD Arabic-PUD (`../shared/data/ud_arabic_pud`, CC BY-SA): prints
//! word-level accuracy, per-clitic precision/recall and the first words it gets wrong. The
//! built-in lexicon is not learned from PUD, but the segmenter's weights and rules were tuned while
//! reading these errors: treat the figure as a development score, not a blind test.

use marsad_testkit as shared;

#[test]
fn pud_word_accuracy() {
    let Some(conllu) = shared::read("data/ud_arabic_pud/ar_pud-ud-test.conllu") else { return };
    let eval = marsad_text::eval_segmentation(&conllu);
    println!(
        "UD Arabic-PUD clitic segmentation: {} / {} Arabic words right = {:.2}% ({} words split in gold)",
        eval.words_right,
        eval.words,
        100.0 * eval.accuracy(),
        eval.gold_split_words
    );
    for (clitic, &(tp, predicted, gold)) in &eval.per_clitic {
        if gold >= 5 || predicted >= 5 {
            let (p, r) = eval.precision_recall(clitic).unwrap_or_default();
            println!("  {clitic}\tP {:.3}  R {:.3}  (tp {tp}, predicted {predicted}, gold {gold})", p, r);
        }
    }
    for error in eval.errors.iter().take(40) {
        println!("  {}\tgold {}\tgot {}", error.word, error.gold.join("+"), error.predicted.join("+"));
    }
    assert!(eval.words > 10_000);
    assert!(eval.accuracy() > 0.98, "accuracy fell to {:.4}", eval.accuracy());
}
