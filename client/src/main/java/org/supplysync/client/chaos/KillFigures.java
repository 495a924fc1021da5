package org.supplysync.client.chaos;

import java.util.Map;

/**
 * One kill and the recovery after it: which points it was proven to land in, how long until the server was healthy,
 * until a site synced successfully, and until every site had synced to quiescence; and what the check found then.
 *
 * @param jobResumedByItself whether the initialisation the kill interrupted went on without an administrator
 */
public record KillFigures(int run, Fault fault, String killedAt, Map<String, PointProof> points,
                          double secondsToHealthy, double secondsToFirstSuccessfulSync, double secondsToConverged,
                          boolean jobResumedByItself, long recordsLost, long acknowledgedRecordsResent) {

    boolean everyPointProven() {
        return points.size() == FaultPoint.values().length && points.values().stream().allMatch(PointProof::proven);
    }
}
