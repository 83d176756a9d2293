# cmake -DSPEC=<tasks.json> -P extend_spec.cmake: adds the field Task.priority and the operation
# DeleteTask to a copy of tests/consumer/other-api/tasks.json, as a user editing the spec would.
file(READ ${SPEC} text)
set(field_anchor [["estimateHours": {"type": "double"},]])
set(op_anchor [["operations": {]])
string(FIND "${text}" "${field_anchor}" field_at)
string(FIND "${text}" "${op_anchor}" op_at)
if(field_at EQUAL -1 OR op_at EQUAL -1)
  message(FATAL_ERROR "extend_spec: ${SPEC} no longer has the lines this script edits")
endif()
string(REPLACE "${field_anchor}" "${field_anchor}
        \"priority\": {\"type\": \"int32\", \"doc\": \"Added by the regeneration test.\"},"
  text "${text}")
string(REPLACE "${op_anchor}" "${op_anchor}
    \"DeleteTask\": {
      \"group\": \"tasks\", \"summary\": \"Delete a task.\",
      \"method\": \"DELETE\", \"path\": \"/tasks/{taskId}\", \"root\": \"main\",
      \"auth\": \"token\", \"idempotent\": true,
      \"params\": {\"taskId\": {\"in\": \"path\", \"type\": \"string\", \"required\": true}},
      \"response\": {\"fields\": {\"deleted\": {\"type\": \"bool\", \"required\": true}}},
    }," text "${text}")
file(WRITE ${SPEC} "${text}")
