-- wrk script: the applicant's live check, i.e. the htmx autosave of the application form, which saves the draft
-- and answers with the re-run eligibility panel. One connection, so each request carries the version the
-- previous answer gave (a stale version would be refused as a concurrent edit).
local version = tonumber(os.getenv("VERSION"))
local token = os.getenv("TOKEN")
local cookie = os.getenv("COOKIE")
local path = os.getenv("AUTOSAVE_PATH")
local fields = os.getenv("FIELDS")
local n = 0

request = function()
  n = n + 1
  -- alternate the paid amount across the 20% threshold so the verdict flips on every request
  local paid = (n % 2 == 0) and "100000" or "200000"
  local body = "__RequestVerificationToken=" .. token .. "&Version=" .. version .. "&" .. fields ..
    "&F%5Bapplication__contract__paid%5D=" .. paid
  return wrk.format("POST", path, { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }, body)
end

response = function(status, headers, body)
  local v = body:match('id="version" value="(%d+)"')
  if v then version = tonumber(v) end
  if status ~= 200 or body:find("已被他人修改", 1, true) then
    io.stderr:write("unexpected answer: " .. status .. "\n")
  end
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d\n", summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for _, p in ipairs({ 50, 90, 95, 99 }) do
    io.write(string.format("p%d %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
