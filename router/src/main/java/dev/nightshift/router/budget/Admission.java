package dev.nightshift.router.budget;

/** What the budgets answer an attempt that asks to hold its reservation. */
public sealed interface Admission {
    /** The reservation is held: the attempt may be sent. */
    record Admitted() implements Admission {}

    /**
     * Not now: the reservation fits beside what was spent, but not beside what attempts in flight still hold. It fits,
     * or is refused, once they settle.
     */
    record Wait(String reason) implements Admission {}

    /** Never: what was spent already leaves less than the reservation, and spend only grows. */
    record Refused(String reason) implements Admission {}

    Admission ADMITTED = new Admitted();
}
