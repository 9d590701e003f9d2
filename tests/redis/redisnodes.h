#pragma once

// A real redis-server and several nodes sharing it, for the lifetime of a suite.
#include "testredis.h"
#include "testserver.h"

#include <memory>
#include <vector>

class RedisNodes
{
public:
    bool start(int count, int presenceTtlMs = 2000)
    {
        if (!m_redis.start())
            return false;
        for (int i = 0; i < count; ++i) {
            m_nodes.push_back(std::make_unique<TestServer>());
            m_nodes.back()->setRedis(m_redis.url(), presenceTtlMs);
            if (!m_nodes.back()->start())
                return false;
        }
        return true;
    }

    void stop()
    {
        m_nodes.clear();
        m_redis.stop();
    }

    TestServer &node(int i) { return *m_nodes[size_t(i)]; }
    TestRedis &redis() { return m_redis; }

private:
    TestRedis m_redis;
    std::vector<std::unique_ptr<TestServer>> m_nodes;
};
