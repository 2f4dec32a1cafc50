//! Stemmers and the stopword list: [`LightStem`] (Larkey's Light10, as Lucene's `ArabicStemFilter`,
//! optionally guarded by the lexicon), [`SnowballStem`] (the Snowball Arabic stemmer through
//! `rust-stemmers`) and [`stopwords::is_stopword`].

pub mod light10;
pub mod snowball;
pub mod stopwords;

pub use light10::LightStem;
pub use snowball::SnowballStem;
pub use stopwords::is_stopword;
