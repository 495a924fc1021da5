package org.supplysync.patient.boundary;

/** A patient a search found, with what the v4 answer shows of it; {@code dateOfBirth} YYYY-MM-DD or null. */
public record FoundPatient(String id, String name, String phone, String email, String code, String last, String first,
                           String dateOfBirth) {
}
