package org.supplysync.client.chaos;

/**
 * Whether a kill landed at a point while the work there was under way, from what the sites logged and saw before
 * and after the kill, and how.
 */
public record PointProof(boolean proven, String evidence) {

    static PointProof proven(String evidence) {
        return new PointProof(true, evidence);
    }

    static PointProof notProven(String evidence) {
        return new PointProof(false, evidence);
    }
}
