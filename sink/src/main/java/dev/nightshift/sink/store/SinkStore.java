package dev.nightshift.sink.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The sink's RocksDB database: one column family per {@link Cf}. Writes go through {@link #write(WriteBatch)}
 * only, synced to the WAL, so that a batch is either wholly durable or absent after a crash. Reads and
 * scans are safe from any thread; {@link #close()} must come after every reader and the writer stopped.
 */
public final class SinkStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> handles;
    private final Map<Cf, ColumnFamilyHandle> byCf = new EnumMap<>(Cf.class);
    private final WriteOptions syncWrites = new WriteOptions().setSync(true);
    /** Where a secondary instance keeps its own files; {@code null} for the writer. */
    private final Path secondaryDir;

    private SinkStore(
            Path dir,
            DBOptions dbOptions,
            ColumnFamilyOptions cfOptions,
            RocksDB db,
            List<ColumnFamilyHandle> handles,
            Path secondaryDir) {
        this.dir = dir;
        this.secondaryDir = secondaryDir;
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        this.db = db;
        this.handles = handles;
        // In the order of descriptors(): the default column family, then every Cf in the order values() gives
        Cf[] cfs = Cf.values();
        for (int i = 0; i < cfs.length; i++) {
            byCf.put(cfs[i], handles.get(i + 1));
        }
    }

    /** Opens (creating if needed) the store in {@code dir}. */
    public static SinkStore open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException(
                    "cannot create the sink data directory " + dir + ": " + e.getMessage()
                            + "; choose a writable directory",
                    e);
        }
        DBOptions dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        ColumnFamilyOptions cfOptions = columnFamilyOptions();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors(cfOptions), handles);
            return new SinkStore(dir, dbOptions, cfOptions, db, handles, null);
        } catch (RocksDBException e) {
            cfOptions.close();
            dbOptions.close();
            throw new StoreException(
                    "cannot open the sink store in " + dir + ": " + e.getMessage()
                            + " (is another sink using this directory?)",
                    e);
        }
    }

    /**
     * Opens the store in {@code dir} for reading while another process (a {@code nightshift run}, a sink) holds
     * it open for writing: a RocksDB secondary instance, which takes no lock, replays the writer's files up to
     * now, and sees more of them after {@link #catchUp()}. Every batch the writer made durable before is
     * visible whole; later ones are not (never a part of one). {@link #write} is refused.
     */
    public static SinkStore openSecondary(Path dir) {
        Path secondary;
        try {
            secondary = Files.createTempDirectory("nightshift-sink-reader");
        } catch (IOException e) {
            throw new StoreException(
                    "cannot create a temporary folder to read the sink store in " + dir + ": " + e.getMessage(), e);
        }
        // -1: keep every table file open, as the writer's compactions may delete them under a reader that reopens
        DBOptions dbOptions = new DBOptions().setMaxOpenFiles(-1);
        ColumnFamilyOptions cfOptions = columnFamilyOptions();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            RocksDB db = RocksDB.openAsSecondary(
                    dbOptions, dir.toString(), secondary.toString(), descriptors(cfOptions), handles);
            SinkStore store = new SinkStore(dir, dbOptions, cfOptions, db, handles, secondary);
            store.catchUp();
            return store;
        } catch (RocksDBException e) {
            cfOptions.close();
            dbOptions.close();
            deleteQuietly(secondary);
            throw new StoreException("cannot read the sink store in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A secondary instance reads what the writer has made durable since it opened or last caught up. */
    public void catchUp() {
        if (secondaryDir == null) {
            return;
        }
        try {
            db.tryCatchUpWithPrimary();
        } catch (RocksDBException e) {
            throw new StoreException(
                    "cannot catch up with the writer of the sink store in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** True for an instance opened with {@link #openSecondary}: it reads, another process writes. */
    public boolean readOnly() {
        return secondaryDir != null;
    }

    private static ColumnFamilyOptions columnFamilyOptions() {
        // Bloom filters, on the tables and in the memtable, make a read of a key that is absent (a new job's
        // record, read before each result is applied) cheap.
        return new ColumnFamilyOptions()
                .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(new BloomFilter(10, false)))
                .setMemtablePrefixBloomSizeRatio(0.05)
                .setMemtableWholeKeyFiltering(true);
    }

    private static List<ColumnFamilyDescriptor> descriptors(ColumnFamilyOptions cfOptions) {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
        Arrays.stream(Cf.values())
                .forEach(cf -> descriptors.add(new ColumnFamilyDescriptor(cf.nameBytes(), cfOptions)));
        return descriptors;
    }

    public byte[] get(Cf cf, byte[] key) {
        try {
            return db.get(byCf.get(cf), key);
        } catch (RocksDBException e) {
            throw new StoreException("cannot read " + cf.familyName() + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The values of these keys, in order, {@code null} for an absent key; one round trip for all of them. */
    public List<byte[]> multiGet(Cf cf, List<byte[]> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        try {
            return db.multiGetAsList(Collections.nCopies(keys.size(), byCf.get(cf)), keys);
        } catch (RocksDBException e) {
            throw new StoreException("cannot read " + cf.familyName() + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Applies the batch atomically and returns once it is on disk. */
    public void write(WriteBatch batch) {
        if (readOnly()) {
            throw new StoreException(
                    "the sink store in " + dir + " is open for reading only; another process writes it", null);
        }
        try {
            db.write(syncWrites, batch);
        } catch (RocksDBException e) {
            throw new StoreException("cannot write to the sink store in " + dir + ": " + e.getMessage(), e);
        }
    }

    public ColumnFamilyHandle handle(Cf cf) {
        return byCf.get(cf);
    }

    /**
     * Visits keys starting with {@code prefix} in key order until the visitor returns false.
     */
    public void scan(Cf cf, byte[] prefix, BiPredicate<byte[], byte[]> visitor) {
        scanFrom(cf, prefix, prefix, visitor);
    }

    /** Like {@link #scan} but starting at {@code from} (at or after the prefix), for paging. */
    public void scanFrom(Cf cf, byte[] prefix, byte[] from, BiPredicate<byte[], byte[]> visitor) {
        try (ReadOptions options = new ReadOptions();
                RocksIterator it = db.newIterator(byCf.get(cf), options)) {
            for (it.seek(from); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!startsWith(key, prefix) || !visitor.test(key, it.value())) {
                    return;
                }
            }
        }
    }

    public Path dir() {
        return dir;
    }

    /**
     * This store's identity, made once when the store is first opened and kept in it: what the sink stamps on the
     * cache entries it announces, so that a router working with this store can tell them from another store's (two
     * pipelines sharing a broker, or a store that was reset while the compacted cache topic kept its entries).
     */
    public String id() {
        byte[] key = STORE_ID_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] id = get(Cf.AGGREGATES, key);
        if (id == null) {
            id = java.util.UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try (org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch()) {
                batch.put(handle(Cf.AGGREGATES), key, id);
                write(batch);
            } catch (RocksDBException e) {
                throw new StoreException("cannot record the store's identity: " + e.getMessage(), e);
            }
        }
        return new String(id, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Under a name no aggregate key has (theirs are NUL-joined scope, dimension, value). */
    private static final String STORE_ID_KEY = "store-id";

    @Override
    public void close() {
        syncWrites.close();
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        cfOptions.close();
        dbOptions.close();
        if (secondaryDir != null) {
            deleteQuietly(secondaryDir);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        return Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
