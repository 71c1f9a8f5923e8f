package dev.nightshift.worker.metrics;

import dev.nightshift.worker.quota.Dimension;
import java.util.OptionalLong;

/**
 * One quota dimension of one provider as a replica sees it.
 *
 * @param used         used in the dimension's current window by this replica
 * @param accountLimit the account-wide limit in force; empty when nothing limits this dimension
 * @param share        this replica's share of it; empty when unlimited
 */
public record QuotaFigure(Dimension dimension, long used, OptionalLong accountLimit, OptionalLong share) {}
