package org.supplysync.user.entity;

/** What describes a user to the people who see it (the login answer's names and job title); any may be null. */
public record UserDetails(String firstName, String lastName, String email, String jobTitle) {
}
