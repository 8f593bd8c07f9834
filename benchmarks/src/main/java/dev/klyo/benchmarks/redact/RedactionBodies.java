package dev.klyo.benchmarks.redact;

import java.util.Random;
import java.util.UUID;

/**
 * Request bodies of exactly 1 MiB of ASCII JSON (so one operation per second is one MiB per
 * second): a product catalogue page with ids, prices, dates, floats and prose, either with no
 * sensitive value or with a customer record carrying secrets and personal data in every item.
 */
final class RedactionBodies {

    static final int SIZE = 1 << 20;
    static final int FINDINGS_PER_ITEM = 5;

    private static final String[] WORDS = {"blue", "cotton", "shirt", "delivery", "warehouse", "returned", "premium",
            "order", "customer", "note", "the", "and", "with", "for", "size", "large", "soft", "washed"};

    private RedactionBodies() {
    }

    /**
     * @param findings whether every item carries an e-mail address, a phone number, a card number,
     *                 an AWS access key and a password assignment ({@link #FINDINGS_PER_ITEM} per
     *                 item: 12,235 in the body)
     */
    static String json(boolean findings) {
        Random random = new Random(20261122);
        StringBuilder b = new StringBuilder(SIZE + 1024).append("{\"items\": [");
        String tail = "], \"pad\": \"\"}";
        for (int i = 0; ; i++) {
            StringBuilder item = new StringBuilder(400);
            item.append(i == 0 ? "" : ", ")
                    .append("{\"id\": \"").append(new UUID(random.nextLong(), random.nextLong()))
                    .append("\", \"sku\": \"SKU-").append(10_000 + random.nextInt(90_000))
                    .append("\", \"price\": ").append(random.nextInt(100_000) / 100.0)
                    .append(", \"qty\": ").append(random.nextInt(9))
                    .append(", \"updated\": \"2026-11-22T07:").append(10 + random.nextInt(50)).append(":00Z\"")
                    .append(", \"ratio\": ").append(random.nextDouble())
                    .append(", \"description\": \"");
            for (int w = 0; w < 12; w++) {
                item.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            item.append('"');
            if (findings) {
                item.append(", \"customer\": {\"email\": \"user").append(i).append("@example.com\"")
                        .append(", \"phone\": \"+1 415 555 ").append(1000 + random.nextInt(9000)).append('"')
                        .append(", \"card\": \"4539 1488 0343 6467\"")
                        .append(", \"aws\": \"AKIAQ3EGRVUCWJ2X7NPL\"")
                        .append(", \"config\": \"db_password=Wq8#tR2!mZ7v\"}");
            }
            item.append('}');
            if (b.length() + item.length() + tail.length() > SIZE) {
                break;
            }
            b.append(item);
        }
        int pad = SIZE - b.length() - tail.length();
        b.append("], \"pad\": \"").append(" ".repeat(pad)).append("\"}");
        if (b.length() != SIZE) {
            throw new IllegalStateException("body is " + b.length() + " characters, not " + SIZE);
        }
        return b.toString();
    }
}
