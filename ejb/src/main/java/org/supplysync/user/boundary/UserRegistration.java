package org.supplysync.user.boundary;

import org.supplysync.user.entity.UserDetails;

import java.util.List;

/** What an administrator gives to create a user (admin-api.md, "Users"). */
public record UserRegistration(String name, String password, UserDetails details, List<StoreGrant> stores) {
}
