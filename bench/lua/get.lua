-- GETs the URL wrk was given (show or list): wrk ... <url>
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "?.lua"
require "common"

function init(args)
  expected = 200
  wrong = 0
  wrk.headers["X-Auth-Token"] = "local-token"
end
