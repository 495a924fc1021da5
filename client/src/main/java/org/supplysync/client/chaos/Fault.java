package org.supplysync.client.chaos;

/** What is killed (kill -9): the application server, or the database under it while the server keeps running. */
public enum Fault {
    PAYARA, MARIADBD
}
