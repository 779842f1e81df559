-- Shared by the bench's wrk scripts: counts answers that are not the expected status and prints one
-- RESULT line (requests per second, p50 and p99 in ms, requests, wrong answers, socket errors).
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status ~= expected then
    wrong = wrong + 1
    if wrong == 1 then io.stderr:write("unexpected answer " .. status .. ": " .. string.sub(body, 1, 200) .. "\n") end
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("wrong") end
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50=%.2f p99=%.2f requests=%d wrong=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, bad, e.connect + e.read + e.write + e.timeout))
end

-- The next POST of a key pair under a new name (<prefix><thread id>-<n>), with more members after the name.
function postKeypair(members)
  n = n + 1
  local body = '{"keypair":{"name":"' .. prefix .. id .. '-' .. n .. '"' .. members .. '}}'
  return wrk.format("POST", nil, {["X-Auth-Token"] = "local-token", ["Content-Type"] = "application/json"}, body)
end
