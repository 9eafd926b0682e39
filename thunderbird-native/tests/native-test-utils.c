/* native-test-utils.c: what the native host's tests share
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "native-test-utils.h"

void
host_start (Host *host)
{
  g_autoptr(GError) error = NULL;
  const char *path = g_getenv ("TODOKE_NATIVE_HOST");

  g_assert_nonnull (path);
  host->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                    &error, path, "/dev/null", "todoke@todoke.github.io", NULL);
  g_assert_no_error (error);
  host->to_host = g_subprocess_get_stdin_pipe (host->process);
  host->from_host = g_subprocess_get_stdout_pipe (host->process);
}

/* Closes stdin and returns the host's exit status. */
int
host_finish (Host *host)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_output_stream_close (host->to_host, NULL, NULL);
  g_subprocess_wait (host->process, NULL, &error);
  g_assert_no_error (error);
  status = g_subprocess_get_if_exited (host->process) ? g_subprocess_get_exit_status (host->process) : -1;
  g_clear_object (&host->process);
  return status;
}

void
host_send_raw (Host       *host,
               const void *data,
               gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (todoke_native_channel_write (host->to_host, data, length, NULL, &error));
  g_assert_no_error (error);
}

JsonNode *
host_read (Host *host)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) frame = todoke_native_channel_read (host->from_host, TODOKE_NATIVE_MAX_ANSWER, NULL, &error);
  g_autofree char *json = NULL;
  JsonNode *answer;
  gsize size = 0;
  const char *data;

  g_assert_no_error (error);
  g_assert_nonnull (frame);
  data = g_bytes_get_data (frame, &size);
  g_assert_true (g_utf8_validate_len (data, size, NULL));
  json = g_strndup (data, size);
  answer = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  return answer;
}

JsonNode *
host_call (Host       *host,
           const char *request)
{
  host_send_raw (host, request, strlen (request));
  return host_read (host);
}

JsonObject *
result_of (JsonNode *answer)
{
  JsonObject *object = json_node_get_object (answer);

  if (json_object_has_member (object, "error"))
    g_error ("Unexpected error answer: %s", json_to_string (answer, FALSE));
  return json_object_get_object_member (object, "result");
}

const char *
error_code_of (JsonNode *answer)
{
  JsonObject *object = json_node_get_object (answer);

  g_assert_true (json_object_has_member (object, "error"));
  return json_object_get_string_member (json_object_get_object_member (object, "error"), "code");
}

JsonObject *
first_diagnosis (JsonNode *answer)
{
  JsonArray *diagnoses = json_object_get_array_member (result_of (answer), "diagnoses");

  g_assert_cmpuint (json_array_get_length (diagnoses), >=, 1);
  return json_array_get_object_element (diagnoses, 0);
}

char *
bounce_text (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "driver", "bounce.eml", NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

char *
classify_message_request (const char *raw,
                          const char *encoding)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, 7);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, "classify-message");
  json_builder_set_member_name (builder, "params");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "raw");
  json_builder_add_string_value (builder, raw);
  if (encoding != NULL)
    {
      json_builder_set_member_name (builder, "encoding");
      json_builder_add_string_value (builder, encoding);
    }
  json_builder_set_member_name (builder, "locale");
  json_builder_add_string_value (builder, "ja");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* @text as base64 in message-part requests of @part_size characters each
 * (which split base64 quanta unless @part_size is a multiple of 4). */
GStrv
message_part_requests (const char *text,
                       gsize       part_size)
{
  g_autofree char *base64 = g_base64_encode ((const guchar *) text, strlen (text));
  g_autoptr(GStrvBuilder) requests = g_strv_builder_new ();
  gsize length = strlen (base64);
  gsize offset;

  for (offset = 0; offset < length; offset += part_size)
    {
      g_autofree char *part = g_strndup (base64 + offset, part_size);
      g_autofree char *request = g_strdup_printf ("{\"id\": 1, \"method\": \"message-part\", \"params\": "
                                                  "{\"upload\": \"u1\", \"data\": \"%s\"}}", part);

      g_strv_builder_add (requests, request);
    }
  return g_strv_builder_end (requests);
}

void
assert_bounce_answer (JsonNode *answer)
{
  JsonObject *d = first_diagnosis (answer);

  g_assert_cmpstr (json_object_get_string_member (d, "reason"), ==, "userunknown");
  g_assert_cmpstr (json_object_get_string_member (d, "recipient"), ==, "hanako@example.org");
  g_assert_cmpstr (json_object_get_string_member (d, "title"), ==, "宛先のメールアドレスが存在しません");
}

JsonNode *
dispatch_call (TodokeNativeDispatch *dispatch,
               const char           *request)
{
  g_autoptr(GVariant) report = NULL;
  g_autofree char *json = todoke_native_dispatch_handle (dispatch, g_bytes_new (request, strlen (request)), &report);
  g_autoptr(GError) error = NULL;
  JsonNode *answer = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_null (report);
  return answer;
}

JsonObject *
find_finding (JsonNode   *answer,
              const char *check)
{
  JsonArray *findings = json_object_get_array_member (result_of (answer), "findings");
  guint i;

  for (i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (g_strcmp0 (json_object_get_string_member (finding, "check"), check) == 0)
        return finding;
    }
  g_error ("No finding of check %s", check);
}

/* The checks offered for a reason, and an address check (no network). */
