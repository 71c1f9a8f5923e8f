package dev.nightshift.core.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The key of every record about a job's routing — planned jobs, run plans, failed attempts, results — is its tenant.
 * So one partition number holds all of a tenant's runs on every one of those topics (they have the same partition
 * count), the router group's range assignment hands that number of every topic to one router, and that router alone
 * decides the tenant's run and daily budgets: two routers never spend the same budget. A router handles thousands of
 * jobs a second and a tenant's providers answer a few hundred, so one router per tenant is no bottleneck; more replicas
 * spread tenants and take over a dead one's.
 */
public final class RecordKeys {
    /** The tenant of a job that names none. */
    public static final String DEFAULT_TENANT = "default";

    private RecordKeys() {}

    /** The key of a tenant's records. */
    public static String tenant(String tenant) {
        return tenant == null || tenant.isBlank() ? DEFAULT_TENANT : tenant;
    }

    /**
     * The partition the producer's default partitioner gives a record keyed {@code key} on a topic of
     * {@code partitions} partitions (murmur2 of the key's UTF-8 bytes), for records written to a chosen partition that
     * must sit beside the keyed ones (the router's state).
     */
    public static int partition(String key, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition, not " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
