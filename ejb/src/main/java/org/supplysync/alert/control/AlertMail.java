package org.supplysync.alert.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** An alert as an e-mail (Jakarta Mail): a subject that says what happened, the event's fields, its JSON. */
public final class AlertMail {

    private static final String TIMEOUT_MILLIS = "10000";

    private AlertMail() {
    }

    /** A session for the server, with timeouts: a mail server that hangs must not hold the alert check for ever. */
    public static Session session(AlertSettings.MailServer server) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", server.host());
        properties.put("mail.smtp.port", Integer.toString(server.port()));
        properties.put("mail.smtp.auth", Boolean.toString(server.user() != null));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(server.startTls()));
        properties.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        return Session.getInstance(properties);
    }

    public static MimeMessage compose(Session session, AlertSettings.MailServer server, JsonObject alert)
            throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(server.from()));
        for (String to : server.to()) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        }
        message.setSubject("[supplysync] " + summary(alert), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        StringBuilder text = new StringBuilder(summary(alert)).append("\n\n");
        Map<String, JsonValue> fields = new TreeMap<>(alert);
        fields.forEach((name, value) -> text.append(name).append(": ").append(plain(value)).append('\n'));
        text.append("\n").append(alert).append('\n');
        message.setText(text.toString(), StandardCharsets.UTF_8.name());
        return message;
    }

    public static void send(AlertSettings.MailServer server, JsonObject alert) throws MessagingException {
        Session session = session(server);
        MimeMessage message = compose(session, server, alert);
        if (server.user() != null) {
            Transport.send(message, server.user(), server.password());
        } else {
            Transport.send(message);
        }
    }

    /** One line: what happened to which site. */
    static String summary(JsonObject alert) {
        String site = "site " + alert.getInt("siteId", 0)
                + (alert.containsKey("siteName") ? " (" + alert.getString("siteName", "") + ")" : "");
        return switch (alert.getString("event", "")) {
            case AlertEvents.SITE_RED -> site + " is red: no contact since " + alert.getString("lastContact", "?");
            case AlertEvents.QUARANTINE_GREW -> site + ": quarantine grew to "
                    + alert.getJsonNumber("quarantinedRecords") + " records";
            case AlertEvents.JOB_FAILED -> "job " + alert.getString("jobName", "?") + " (execution "
                    + alert.getJsonNumber("executionId") + ") of " + site + " failed";
            default -> site + ": " + alert.getString("event", "alert");
        };
    }

    private static String plain(JsonValue value) {
        return value instanceof jakarta.json.JsonString text ? text.getString() : value.toString();
    }
}
