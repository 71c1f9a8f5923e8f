package dev.nightshift.sink.docs;

import dev.nightshift.core.codec.MessageCodec;
import dev.nightshift.core.docs.DocChild;
import dev.nightshift.core.docs.DocsInput;
import dev.nightshift.core.job.Job;
import dev.nightshift.core.job.JobIds;
import dev.nightshift.core.job.JobState;
import dev.nightshift.core.kafka.Generations;
import dev.nightshift.core.kafka.KafkaClientProps;
import dev.nightshift.core.kafka.RecordKeys;
import dev.nightshift.core.tokens.TokenCounter;
import dev.nightshift.core.topic.Topics;
import dev.nightshift.sink.codec.Stored;
import dev.nightshift.sink.run.RunRecord;
import dev.nightshift.sink.store.Cf;
import dev.nightshift.sink.store.SinkStore;
import dev.nightshift.sink.store.StoreException;
import dev.nightshift.sink.store.StoreKeys;
import dev.nightshift.sinkapi.run.JobRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes the input of a folder's or the repository's document once every child it waits for has ended, from the
 * children's stored documents ({@link DocsInput}), and publishes the job again on {@code nightshift.jobs}, no longer
 * awaiting, for the router. The sink owns the documents, which is why this happens here.
 *
 * <p>Its cache identity is the children's part of the input plus what ingest planned as the job's identity (for the
 * architecture document: the build files, not the whole source), so unchanged children give an unchanged job that
 * the router serves from the cache. Runs on the sink's consumer thread, after the batch that ended the last child is
 * durable; the waiting job is forgotten only once Kafka acknowledged the composed one, and every waiting job is
 * checked again when the sink starts — a crash in between publishes it again rather than never.
 */
public final class DocsComposer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DocsComposer.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final SinkStore store;
    private final KafkaProducer<String, byte[]> producer;
    private final int childrenBudgetChars;
    /** Ready documents whose publication failed; tried again after the next batch. */
    private final Set<PendingDoc> retry = new LinkedHashSet<>();

    /** @param childrenBudgetTokens most input the children's documents may give one job before each is cut short */
    public DocsComposer(SinkStore store, String bootstrap, int childrenBudgetTokens) {
        this.store = store;
        this.producer = new KafkaProducer<>(KafkaClientProps.producer(bootstrap, "nightshift-sink-docs"));
        // About four characters a token in prose and code; the exact count is taken of the composed input.
        this.childrenBudgetChars = childrenBudgetTokens * 4;
    }

    /** Every document still waiting, as after a restart: those whose children have all ended are composed now. */
    public void recover() {
        List<PendingDoc> all = new ArrayList<>();
        store.scan(Cf.DOCS, StoreKeys.pendingDocs(), (key, value) -> {
            Job job = MessageCodec.JOB.decode(value);
            all.add(new PendingDoc(job.runId(), job.jobId()));
            return true;
        });
        if (!all.isEmpty()) {
            LOG.atInfo().addKeyValue("waiting", all.size()).log("documents waiting for their children's");
        }
        composeReady(all);
    }

    /** Composes and publishes each of these documents whose children have all ended; the others wait on. */
    public void composeReady(Collection<PendingDoc> candidates) {
        Set<PendingDoc> todo = new LinkedHashSet<>(retry);
        todo.addAll(candidates);
        retry.clear();
        for (PendingDoc doc : todo) {
            byte[] planned = store.get(Cf.DOCS, StoreKeys.pendingDoc(doc.runId(), doc.jobId()));
            if (planned == null) {
                continue;
            }
            Job job = MessageCodec.JOB.decode(planned);
            Optional<Job> composed = compose(job);
            if (composed.isPresent() && !publish(composed.get())) {
                retry.add(doc);
            }
        }
    }

    /** The job with its input composed, or empty while a child has not ended (or its document is not stored yet). */
    Optional<Job> compose(Job planned) {
        List<DocsInput.ChildDoc> children = new ArrayList<>();
        for (DocChild child : planned.docs().children()) {
            JobRecord record =
                    Stored.read(store.get(Cf.JOBS, StoreKeys.job(planned.runId(), child.jobId())), JobRecord.class);
            if (record == null || !record.terminal()) {
                return Optional.empty();
            }
            String document = null;
            if (record.state() == JobState.SUCCEEDED) {
                byte[] text = store.get(Cf.ARTIFACTS, StoreKeys.artifactText(planned.runId(), child.jobId()));
                if (text == null && !neverStored(record, planned.simulated())) {
                    return Optional.empty();
                }
                document = text == null ? null : new String(text, StandardCharsets.UTF_8);
            }
            children.add(new DocsInput.ChildDoc(child.unitPath(), child.level(), document));
        }
        String fromChildren = DocsInput.compose(children, "", childrenBudgetChars);
        String content = planned.content().isEmpty() ? fromChildren : fromChildren + "\n" + planned.content();
        String identity = JobIds.sha256Hex(fromChildren + "\u0000" + planned.contentHash());
        return Optional.of(planned.composed(content, identity, TokenCounter.count(content)));
    }

    /**
     * A child served from a cache entry whose text this store does not hold (it was reset since): its text will never
     * come, so its parent goes on without it rather than wait forever.
     */
    private boolean neverStored(JobRecord record, boolean simulated) {
        return record.fromCache()
                && record.contentKey() != null
                && store.get(Cf.CACHE, StoreKeys.cacheText(record.contentKey(), simulated)) == null;
    }

    /**
     * The generation the run publishes now: a document composed while its run is interrupted carries the stopped
     * generation, so the router holds it back; a resume plans the document again and it is composed anew.
     */
    private int generationOf(String runId) {
        RunRecord run = Stored.read(store.get(Cf.RUNS, StoreKeys.run(runId)), RunRecord.class);
        return run == null ? 0 : run.generation();
    }

    private boolean publish(Job composed) {
        try {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                    Topics.JOBS, RecordKeys.tenant(composed.tenant()), MessageCodec.JOB.encode(composed));
            Generations.put(record.headers(), generationOf(composed.runId()));
            producer.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.atWarn()
                    .addKeyValue("runId", composed.runId())
                    .addKeyValue("jobId", composed.jobId())
                    .log(
                            "cannot publish a composed document's job; trying again after the next batch: {}",
                            e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        forget(composed);
        LOG.atInfo()
                .addKeyValue("runId", composed.runId())
                .addKeyValue("jobId", composed.jobId())
                .addKeyValue("level", composed.docs().level().id())
                .addKeyValue("children", composed.docs().children().size())
                .log("document composed from its children's");
        return true;
    }

    private void forget(Job composed) {
        try (WriteBatch batch = new WriteBatch()) {
            batch.delete(store.handle(Cf.DOCS), StoreKeys.pendingDoc(composed.runId(), composed.jobId()));
            for (DocChild child : composed.docs().children()) {
                batch.delete(
                        store.handle(Cf.DOCS), StoreKeys.docParent(composed.runId(), child.jobId(), composed.jobId()));
            }
            store.write(batch);
        } catch (RocksDBException e) {
            throw new StoreException("cannot forget a composed document: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
