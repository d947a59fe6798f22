-- One new inquiry per request, each about a different synthetic person, so that the load is
-- intake as a surge brings it: a requester, a person record, matching, a case, audit events.
local counter = 0
local thread_id = 0
local next_id = 0

function setup(thread)
    thread:set("thread_id", next_id)
    next_id = next_id + 1
end

function init(args)
    wrk.headers["Authorization"] = "Bearer " .. os.getenv("CORRIDOR_TOKEN")
    wrk.headers["Content-Type"] = "application/json"
    math.randomseed(thread_id * 7919 + os.time())
end

local given = {"Ahmad", "Fatima", "Najib", "Shabnam", "Hamid", "Laila", "Yousuf", "Maryam",
               "Rahim", "Zahra", "Karim", "Soraya", "Jawad", "Nadia", "Farid", "Parwana"}
local family = {"Ahmadzai", "Sultani", "Karimi", "Haidari", "Popal", "Rahimi", "Noori", "Safi"}

request = function()
    counter = counter + 1
    local n = thread_id * 10000000 + counter + math.random(0, 999999) * 100
    local body = string.format(
        '{"category":"border_crossing","subject":"Synthetic load %d",' ..
        '"requester":{"kind":"ngo","name":"Synthetic NGO %d"},' ..
        '"people":[{"given_name":"%s","family_name":"%s","father_name":"Synthetic%d",' ..
        '"date_of_birth":"%d-%02d-%02d","phone":"+93 70 %03d %04d"}]}',
        n, n % 20, given[n % #given + 1], family[n % #family + 1], n,
        1950 + n % 55, 1 + n % 12, 1 + n % 28, n % 1000, n % 10000)
    return wrk.format("POST", "/api/v1/inquiries", nil, body)
end
