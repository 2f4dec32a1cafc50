// Lucene's ArabicAnalyzer as a peer for issue 3's retrieval and speed benchmarks.
//
// Two modes, both over files made by bench/retrieval/make_known_items.py:
//   retrieval DOCS INDEX_DIR QUERIES RUN [QUERIES RUN ...]
//       indexes docs.tsv (docno TAB body) into INDEX_DIR with ArabicAnalyzer and Lucene's default
//       similarity (BM25, k1=1.2, b=0.75), then for each queries file writes a TREC run (top 10).
//       A query is the title passed through QueryParser.escape and parsed by the classic
//       QueryParser with its defaults: OR between terms, the same analyzer as the index.
//       The first queries file is searched once, untimed, before the timed passes (JVM warm-up).
//   speed FILE
//       runs ArabicAnalyzer over every line of FILE in-process (one warm-up pass, then three
//       timed passes) and reports bytes/s and tokens/s of the best timed pass.
// Timings go to stdout as `TIMING key value` lines for bench/table.py; everything else to stderr.
// Built by bench/run_peers.sh with javac against Debian's liblucene8-java jars in /usr/share/java.

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

public final class LuceneArabic {
    private static final int TOP = 10;
    private static final String TAG = "lucene-arabic";

    public static void main(String[] args) throws Exception {
        if (args.length >= 5 && args[0].equals("retrieval") && args.length % 2 == 1) {
            retrieval(args);
        } else if (args.length == 2 && args[0].equals("speed")) {
            speed(Paths.get(args[1]));
        } else {
            System.err.println("usage: LuceneArabic retrieval DOCS INDEX_DIR QUERIES RUN [QUERIES RUN ...]\n"
                    + "       LuceneArabic speed FILE");
            System.exit(2);
        }
    }

    /** Lines of a TSV file split on tabs; a line with another field count is a fatal error. */
    private static List<String[]> readTsv(Path path, int fields) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                String[] parts = line.split("\t", -1);
                if (parts.length != fields) {
                    throw new IOException(path + ": line " + n + ": expected " + fields + " fields, found "
                            + parts.length);
                }
                rows.add(parts);
            }
        }
        return rows;
    }

    private static void retrieval(String[] args) throws Exception {
        List<String[]> docs = readTsv(Paths.get(args[1]), 2);
        Analyzer analyzer = new ArabicAnalyzer();
        long start = System.nanoTime();
        try (Directory dir = FSDirectory.open(Paths.get(args[2]))) {
            IndexWriterConfig config = new IndexWriterConfig(analyzer);
            config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
            try (IndexWriter writer = new IndexWriter(dir, config)) {
                for (String[] doc : docs) {
                    Document d = new Document();
                    d.add(new StringField("docno", doc[0], Field.Store.YES));
                    d.add(new TextField("body", doc[1], Field.Store.NO));
                    writer.addDocument(d);
                }
                writer.commit();
            }
            timing("index_s", (System.nanoTime() - start) / 1e9);
            timing("docs", docs.size());

            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                // One untimed pass over the first queries file, so that query times measure
                // Lucene's search rather than the JVM compiling it.
                search(searcher, analyzer, Paths.get(args[3]), null);
                for (int i = 3; i < args.length; i += 2) {
                    search(searcher, analyzer, Paths.get(args[i]), Paths.get(args[i + 1]));
                }
            }
        }
    }

    /** Searches every query of a queries file; writes the TREC run to run unless run is null (warm-up). */
    private static void search(IndexSearcher searcher, Analyzer analyzer, Path queries, Path run)
            throws IOException {
        List<String[]> rows = readTsv(queries, 3);
        QueryParser parser = new QueryParser("body", analyzer);
        int empty = 0;
        long start = System.nanoTime();
        StringBuilder lines = new StringBuilder();
        for (String[] q : rows) {
            Query query;
            try {
                query = parser.parse(QueryParser.escape(q[1]));
            } catch (ParseException e) {
                throw new IOException(queries + ": query " + q[0] + ": " + e.getMessage(), e);
            }
            TopDocs top = searcher.search(query, TOP);
            if (top.scoreDocs.length == 0) {
                empty++;
            }
            int rank = 1;
            for (ScoreDoc sd : top.scoreDocs) {
                String docno = searcher.doc(sd.doc).get("docno");
                lines.append(q[0]).append(" Q0 ").append(docno).append(' ').append(rank).append(' ')
                        .append(String.format(Locale.ROOT, "%.4f", sd.score)).append(' ').append(TAG)
                        .append('\n');
                rank++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (run == null) {
            return;
        }
        Files.writeString(run, lines, StandardCharsets.UTF_8);
        String name = queries.getFileName().toString().replace(".tsv", "");
        timing("query_s:" + name, seconds);
        timing("queries_without_results:" + name, empty);
    }

    private static void speed(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        long bytes = Files.size(file);
        Analyzer analyzer = new ArabicAnalyzer();
        double best = Double.MAX_VALUE;
        long tokens = 0;
        for (int pass = 0; pass < 4; pass++) {
            long start = System.nanoTime();
            tokens = analyzeAll(analyzer, lines);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (pass == 0) {
                timing("cold_s", seconds);
            } else {
                best = Math.min(best, seconds);
            }
        }
        timing("bytes", bytes);
        timing("tokens", tokens);
        timing("best_s", best);
    }

    /** Number of tokens ArabicAnalyzer emits over all lines. */
    private static long analyzeAll(Analyzer analyzer, List<String> lines) throws IOException {
        long tokens = 0;
        for (String line : lines) {
            try (TokenStream ts = analyzer.tokenStream("body", line)) {
                ts.reset();
                while (ts.incrementToken()) {
                    tokens++;
                }
                ts.end();
            }
        }
        return tokens;
    }

    private static void timing(String key, double value) {
        System.out.println("TIMING " + key + " " + String.format(Locale.ROOT, "%.6f", value));
    }
}
