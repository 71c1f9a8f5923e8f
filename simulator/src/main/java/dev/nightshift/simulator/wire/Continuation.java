package dev.nightshift.simulator.wire;

import java.util.List;
import java.util.Locale;

/**
 * A call that asks the model to go on with a reply it cut short at its output limit. Clients do it two ways: the
 * OpenAI and Gemini protocols replay the conversation — the original prompt, the partial reply as the assistant's
 * turn, then a user turn asking to continue — while Anthropic lets the client prefill the assistant's turn with the
 * partial reply, and the model writes on from its last character.
 *
 * <p>The simulated model is deterministic, so it rewrites the whole reply for the original prompt and sends what
 * follows the partial. When the partial is not a prefix of that reply (a client edited it, or it came from another
 * model) it sends the reply from the first character where the two differ: the nearest a real model comes to
 * "continue", and the reply still joins the partial's common part into the whole document.
 *
 * @param originalPrompt the prompt of the first call: every system text and the first user turn, joined as any prompt
 * @param partial        the reply so far: the assistant turns after the first user turn, in order
 */
public record Continuation(String originalPrompt, String partial) {
    private static final String CONTINUE = "continue";

    /** What follows the partial in the whole reply, from the first character where they differ. */
    public String remainderOf(String whole) {
        int n = Math.min(whole.length(), partial.length());
        int i = 0;
        while (i < n && whole.charAt(i) == partial.charAt(i)) {
            i++;
        }
        return whole.substring(i);
    }

    /** One message of a conversation, and where its text ends in the joined prompt. */
    record Turn(Role role, String text, int promptEnd) {}

    enum Role {
        SYSTEM,
        USER,
        ASSISTANT,
        OTHER
    }

    /**
     * The continuation a conversation asks for, or null when it is an ordinary call.
     *
     * @param prompt  every text of the call joined, as the protocol parsed it
     * @param turns   the messages in order, system texts included
     * @param prefill whether a last assistant turn is a prefill (Anthropic) rather than a finished turn
     */
    static Continuation find(String prompt, List<Turn> turns, boolean prefill) {
        int first = -1;
        for (int i = 0; i < turns.size(); i++) {
            if (turns.get(i).role() == Role.USER) {
                first = i;
                break;
            }
        }
        if (first < 0 || first == turns.size() - 1) {
            return null;
        }
        List<Turn> after = turns.subList(first + 1, turns.size());
        Turn last = after.get(after.size() - 1);
        boolean prefilled = prefill && last.role() == Role.ASSISTANT;
        boolean asked = last.role() == Role.USER && asksToContinue(last.text());
        if (!prefilled && !asked) {
            return null;
        }
        StringBuilder partial = new StringBuilder();
        for (Turn t : after) {
            if (t.role() == Role.ASSISTANT) {
                partial.append(t.text());
            } else if (t.role() != Role.USER || !asksToContinue(t.text())) {
                return null; // another question or a tool turn: a conversation, not a continuation
            }
        }
        if (partial.isEmpty()) {
            return null;
        }
        return new Continuation(prompt.substring(0, turns.get(first).promptEnd()), partial.toString());
    }

    private static boolean asksToContinue(String text) {
        return text.strip().toLowerCase(Locale.ROOT).startsWith(CONTINUE);
    }
}
